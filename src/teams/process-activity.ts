import type { Activity, TurnContext } from 'botbuilder';
import type { McaAdapter } from './adapter';
import type { Logger } from '../core/logger';
import type { AuthOutcome } from './channel-auth';

/** What `POST /api/messages` answers; the HTTP layer only writes it. */
export interface ActivityAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ProcessorDeps {
  adapter: McaAdapter;
  authenticate: (activity: Activity, authHeader: string) => Promise<AuthOutcome>;
  bot: { run(context: TurnContext): Promise<void> };
  log: Logger;
}

/** The same conversions botbuilder's own `process()` applies before a turn (activityValidator.ts). */
function toActivity(body: Record<string, unknown>): Activity {
  const activity = { ...body } as Record<string, unknown>;
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const raw = activity[field];
    if (typeof raw === 'string') {
      activity[`raw${field.charAt(0).toUpperCase()}${field.slice(1)}`] = raw;
      activity[field] = new Date(raw);
    }
  }
  return activity as unknown as Activity;
}

/**
 * Authenticates and runs one activity. Authentication happens here rather than inside
 * `CloudAdapter.process`, which answers every failure 500 with the library's message (claims,
 * the metadata URL); src/teams/channel-auth.ts decides the status instead.
 *
 * @example
 * const answer = await processor(req.body, req.headers.authorization ?? '');
 */
export function activityProcessor(deps: ProcessorDeps) {
  return async (body: Record<string, unknown>, authHeader: string): Promise<ActivityAnswer> => {
    const activity = toActivity(body);
    const auth = await deps.authenticate(activity, authHeader);
    if (!auth.ok) return auth.refusal;
    const invoke = await deps.adapter.runAuthenticated(auth.result, activity, (context) =>
      deps.bot.run(context),
    );
    return { status: invoke?.status ?? 200, body: invoke?.body };
  };
}
