import type { Database } from 'better-sqlite3';
import { AppError } from '../../core/errors.js';
import type { Clock } from '../../core/clock.js';
import { MIGRATIONS, type Migration } from './migrations.js';

/**
 * Brings the schema up to the newest migration this code knows. Each migration runs in its own
 * IMMEDIATE transaction that re-reads the applied version first, so two processes opening the same
 * file at once apply it once. Refuses a database that a newer release has already migrated.
 *
 * @returns the versions applied by this call (empty when the schema was current).
 */
export function migrate(
  db: Database,
  file: string,
  clock: Clock,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const current = db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const versionNow = () => current.get()?.v ?? 0;

  refuseNewer(file, versionNow(), known);
  // Current already (every restart): no transaction per migration to find that out again.
  if (versionNow() === known) return [];
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const apply = db.transaction(() => {
      const version = versionNow();
      refuseNewer(file, version, known);
      if (version >= migration.version) return;
      db.exec(migration.up);
      record.run(migration.version, migration.name, clock.now().toISOString());
      applied.push(migration.version);
    });
    try {
      apply.immediate();
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError(
        'STORE_UNAVAILABLE',
        `Could not update the database at ${file} to schema v${migration.version} (${migration.name}); ` +
          'nothing of that step was applied. See the cause, fix it, and start again.',
        { cause: err, details: { version: migration.version } },
      );
    }
  }
  return applied;
}

function refuseNewer(file: string, version: number, known: number): void {
  if (version <= known) return;
  throw new AppError(
    'STORE_UNAVAILABLE',
    `The database at ${file} was written by a newer MCA Assist (schema v${version}); this one knows ` +
      `schema v${known} at most. Run the newer release, or point DATA_DIR at another directory.`,
    { details: { schemaVersion: version, knownVersion: known } },
  );
}
