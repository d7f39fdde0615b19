import type { Services } from '../../core/context';
import { isAppError } from '../../core/errors';
import type { JobRunner } from '../../core/router';
import type { GdapStatus } from '../../graph/gdap';
import { GDAP_EXPIRING_SOON, onGdapChange, type GdapEventName } from './gdap-event';
import { gdapStage } from '../status';
import { allTracked } from './gdap-store';
import { openInvitations } from './invite-store';
import { knownCustomers, recordKnownCustomers } from './known-customers';
import { onRelationshipAccepted } from './relationship-accepted';

export const RECONCILE_JOB = 'relationships.reconcile';
const SETTINGS = 'settings';
const JOB_REF = 'relationships-reconcile';
/** Customers read per run; the rest wait for the next run (Partner Center limits, reference §7). */
const INVITATIONS_PER_RUN = 50;

/** The event a status change stands for, when the webhook for it was missed. */
function eventFor(status: GdapStatus): GdapEventName | undefined {
  if (status === 'approved' || status === 'activating') return 'granular-admin-relationship-approved';
  if (status === 'active' || status === 'expiring') return 'granular-admin-relationship-activated';
  if (status === 'expired') return 'granular-admin-relationship-expired';
  if (status === 'terminated' || status === 'terminating' || status === 'terminationRequested') {
    return 'granular-admin-relationship-terminated';
  }
  return undefined;
}

async function reconcileInvitations(services: Services): Promise<void> {
  for (const invitation of await openInvitations(services, INVITATIONS_PER_RUN)) {
    const customer = await services.partnerCenter
      .getCustomer(invitation.customerTenantId)
      .catch((err: unknown) => {
        if (isAppError(err, 'PC_NOT_FOUND')) return undefined;
        throw err;
      });
    if (customer?.relationshipToPartner === 'reseller') await onRelationshipAccepted(services, customer.id);
  }
}

/**
 * Announces reseller customers missing from the known set, as the accepted-relationship webhook
 * would have: the invitation link is per partner, so a brand-new customer can accept it while the
 * bot is down. The first run only records the set (a fresh install must not announce the whole
 * portfolio). The whole list is read before anything is written, so a failed page records nothing.
 */
async function reconcileNewCustomers(services: Services): Promise<void> {
  const resellers: string[] = [];
  for await (const page of services.partnerCenter.listCustomers())
    for (const c of page) if (c.relationshipToPartner === 'reseller') resellers.push(c.id.toLowerCase());
  const known = await knownCustomers(services);
  if (!known) return recordKnownCustomers(services, resellers);
  for (const id of resellers.filter((x) => !known.has(x))) {
    // onRelationshipAccepted adds the id once the partner was told; a failure retries next run.
    await onRelationshipAccepted(services, id).catch((err: unknown) => {
      const code = isAppError(err) ? err.code : 'INTERNAL';
      services.log.warn({ customerTenantId: id, code, err }, 'could not announce a new reseller customer');
    });
  }
}

async function reconcileGdap(services: Services): Promise<void> {
  const tracked = [];
  for await (const r of allTracked(services))
    if (r.status !== 'expired' && r.status !== 'terminated') tracked.push(r);
  if (tracked.length === 0) return;
  const current = new Map((await services.gdap.listAll()).map((r) => [r.id.toLowerCase(), r]));
  const clock = services.clock.now();
  for (const r of tracked) {
    const now = current.get(r.relationshipId);
    if (!now) continue;
    const event = now.status !== r.status ? eventFor(now.status) : undefined;
    if (event) await onGdapChange(services, r.relationshipId, event);
    else if (gdapStage(now, clock) === 'expiring' && !r.notified?.includes(GDAP_EXPIRING_SOON)) {
      await onGdapChange(services, r.relationshipId, GDAP_EXPIRING_SOON);
    }
  }
}

/**
 * Every RELATIONSHIP_RECONCILE_MINUTES: re-reads open invitations, the reseller customers and
 * tracked GDAP requests and acts on changes whose webhook never arrived (bot down, Partner Center gave up after 10 attempts).
 * Never fails for good: problems are logged and the next run is scheduled anyway.
 */
export const reconcileRelationships: JobRunner = async (_job, services) => {
  for (const [what, run] of [
    ['invitations', reconcileInvitations],
    ['new customers', reconcileNewCustomers],
    ['gdap', reconcileGdap],
  ] as const) {
    try {
      await run(services);
    } catch (err) {
      services.log.warn(
        { what, code: isAppError(err) ? err.code : 'INTERNAL', err },
        'relationship reconcile step failed',
      );
    }
  }
  const runAt = new Date(services.clock.now().getTime() + services.relationships.reconcileMinutes * 60_000);
  return { done: false, runAt };
};

/**
 * At start-up: run the reconcile job now (to catch up on downtime) and keep it recurring. One job
 * for all instances; a job that is gone or dead is replaced.
 */
export async function scheduleReconcile(services: Services): Promise<void> {
  const { jobs, records } = services.store;
  const now = services.clock.now();
  const ref = await records.get<{ jobId: string; generation?: number }>(SETTINGS, JOB_REF);
  const job = ref && (await jobs.get(ref.value.jobId));
  if (job?.status === 'pending' && (await jobs.reschedule(job.id, now))) return;
  // Instances starting together compute the same generation, so its key makes one job for all.
  let generation = ref?.value.generation ?? 0;
  let id = '';
  for (let pending = false; !pending;) {
    generation++;
    const enqueued = await jobs.enqueue({
      type: RECONCILE_JOB,
      payload: {},
      runAt: now,
      idempotencyKey: `${RECONCILE_JOB}:${generation}`,
      maxAttempts: 3,
    });
    id = enqueued.id;
    // A key already used by a job that has since died or finished: take the next generation.
    pending = enqueued.created || (await jobs.get(id))?.status === 'pending';
  }
  try {
    await records.put(SETTINGS, JOB_REF, { jobId: id, generation }, ref?.etag);
  } catch (err) {
    // Another instance recorded the same job first.
    if (!isAppError(err, 'STORE_CONFLICT')) throw err;
  }
}
