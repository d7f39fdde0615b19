import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { GdapStatus } from '../graph/gdap';

/** Graph's delegatedAdminRelationship status values (reference §3): the same the client reads. */
export type SandboxGdapStatus = GdapStatus;

export interface SandboxGdapRelationship {
  id: string;
  displayName: string;
  duration: string;
  status: SandboxGdapStatus;
  autoExtendDuration: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  activatedDateTime: string | null;
  endDateTime: string | null;
  customer: { tenantId: string; displayName: string };
  accessDetails: { unifiedRoles: { roleDefinitionId: string }[] };
}

/** Entra role template ids the sandbox names on its approval page (permissions reference). */
export const ENTRA_ROLE_NAMES: Record<string, string> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  '4d6ac14f-3453-41d0-bef9-a3e0c569773a': 'License Administrator',
  'f023fd81-a637-4b56-95fd-791ac0226033': 'Service Support Administrator',
};
export const GLOBAL_ADMINISTRATOR_ROLE = '62e90394-69f5-4237-9190-012177145e10';

/** "P730D" / "P2Y" → days, or undefined. */
export function durationDays(iso: string): number | undefined {
  const m = /^P(\d{1,4})([DY])$/.exec(iso);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'Y' ? 365 : 1);
}

/** An event the store asks the webhook sender to deliver. */
export type GdapEventName =
  | 'granular-admin-relationship-approved'
  | 'granular-admin-relationship-activated'
  | 'granular-admin-relationship-terminated'
  | 'granular-admin-relationship-expired';

/**
 * The sandbox's GDAP relationships. State changes that Partner Center announces by webhook call
 * `onEvent`, which the sandbox wires to its webhook sender.
 */
export class GdapStore {
  private readonly items = new Map<string, SandboxGdapRelationship>();
  onEvent: (name: GdapEventName, relationship: SandboxGdapRelationship) => void = () => undefined;

  constructor(private readonly clock: Clock) {}

  list(): SandboxGdapRelationship[] {
    return [...this.items.values()].map((r) => this.current(r));
  }

  get(id: string): SandboxGdapRelationship | undefined {
    const r = this.items.get(id.toLowerCase());
    return r && this.current(r);
  }

  byDisplayName(name: string): SandboxGdapRelationship | undefined {
    return [...this.items.values()].find((r) => r.displayName.toLowerCase() === name.toLowerCase());
  }

  create(
    input: Pick<
      SandboxGdapRelationship,
      'displayName' | 'duration' | 'autoExtendDuration' | 'customer' | 'accessDetails'
    >,
  ): SandboxGdapRelationship {
    const now = this.clock.now().toISOString();
    const relationship: SandboxGdapRelationship = {
      id: `${randomUUID()}-${randomUUID()}`,
      status: 'created',
      createdDateTime: now,
      lastModifiedDateTime: now,
      activatedDateTime: null,
      endDateTime: null,
      ...structuredClone(input),
    };
    this.items.set(relationship.id, relationship);
    return structuredClone(relationship);
  }

  lockForApproval(id: string): SandboxGdapRelationship | undefined {
    return this.change(id, (r) => (r.status === 'created' ? { status: 'approvalPending' } : undefined));
  }

  /** The customer's Global admin approves: approved, then active at once (Partner Center fires both events). */
  approve(id: string): SandboxGdapRelationship | undefined {
    const approved = this.change(id, (r) =>
      r.status === 'approvalPending' ? { status: 'approved' } : undefined,
    );
    if (!approved) return undefined;
    this.onEvent('granular-admin-relationship-approved', approved);
    const now = this.clock.now();
    const days = durationDays(approved.duration) ?? 730;
    const active = this.change(id, () => ({
      status: 'active',
      activatedDateTime: now.toISOString(),
      endDateTime: new Date(now.getTime() + days * 86_400_000).toISOString(),
    }));
    if (active) this.onEvent('granular-admin-relationship-activated', active);
    return active;
  }

  terminate(id: string): SandboxGdapRelationship | undefined {
    const done = this.change(id, (r) =>
      ['active', 'expiring', 'approvalPending', 'created'].includes(r.status)
        ? { status: 'terminated' }
        : undefined,
    );
    if (done) this.onEvent('granular-admin-relationship-terminated', done);
    return done;
  }

  expire(id: string): SandboxGdapRelationship | undefined {
    const done = this.change(id, (r) =>
      r.status === 'active' || r.status === 'expiring' ? { status: 'expired' } : undefined,
    );
    if (done) this.onEvent('granular-admin-relationship-expired', done);
    return done;
  }

  /** Moves the end of an active relationship (tests: "ends in 10 days"). */
  setEndDate(id: string, endDateTime: string): SandboxGdapRelationship | undefined {
    return this.change(id, () => ({ endDateTime }));
  }

  clear(): void {
    this.items.clear();
  }

  /** Every relationship as stored, as JSON data (sandbox restarts: persistence.ts). */
  dump(): SandboxGdapRelationship[] {
    return [...this.items.values()];
  }

  load(items: SandboxGdapRelationship[]): void {
    this.items.clear();
    for (const r of items) this.items.set(r.id, r);
  }

  /** Active relationships past their end read as expired, as waiting would make them. */
  private current(r: SandboxGdapRelationship): SandboxGdapRelationship {
    const ended = r.endDateTime !== null && Date.parse(r.endDateTime) <= this.clock.now().getTime();
    if (ended && (r.status === 'active' || r.status === 'expiring')) r.status = 'expired';
    return structuredClone(r);
  }

  private change(
    id: string,
    decide: (r: SandboxGdapRelationship) => Partial<SandboxGdapRelationship> | undefined,
  ): SandboxGdapRelationship | undefined {
    const r = this.items.get(id.toLowerCase());
    if (!r) return undefined;
    const update = decide(this.current(r));
    if (!update) return undefined;
    Object.assign(r, update, { lastModifiedDateTime: this.clock.now().toISOString() });
    return structuredClone(r);
  }
}
