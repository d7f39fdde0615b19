import type { Services } from '../../core/context';
import type { Customer, CustomerSummary } from '../../partner-center/types';
import type { AgreementState, AgreementStatus, CustomerFacts, UnknownReason } from './agreement-status';
import { readAgreementStatus } from './read-status';

/**
 * A customer's last known status as kept in the store: what a report may show (company, domain,
 * tenant id, country, state, dates) and nothing more — no signer names, no contacts.
 */
export interface StatusSnapshot extends CustomerFacts {
  state: AgreementState;
  reason?: UnknownReason;
  /** dateAgreed of the latest partner attestation, if any. */
  lastAttestation?: string;
  checkedAt: string;
  /** When country and culture were last read with GET /v1/customers/{id}. */
  profileReadAt: string;
}

const NAMESPACE = 'status.snapshot';
/** Billing addresses rarely change; re-reading them monthly keeps sweeps at two calls per customer. */
const PROFILE_REUSE_MS = 30 * 24 * 3_600_000;
/**
 * A read that changes nothing in the kept snapshot but its time is written only when the kept one is
 * this old: the grain of "checked at" for sweeps (which reuse a status for days) and reports.
 */
export const SNAPSHOT_TOUCH_MS = 10 * 60_000;

function toSnapshot(status: AgreementStatus, profileReadAt: string): StatusSnapshot {
  const c = status.customer;
  return {
    tenantId: c.tenantId.toLowerCase(),
    companyName: c.companyName,
    domain: c.domain,
    country: c.country,
    culture: c.culture,
    relationshipToPartner: c.relationshipToPartner,
    state: status.state,
    reason: status.reason,
    lastAttestation: status.attestation?.dateAgreed,
    checkedAt: status.checkedAt,
    profileReadAt,
  };
}

/**
 * Keeps a fresh read for later sweeps. The status card calls it too, so a Refresh that finds a
 * change also corrects the portfolio. Given the snapshot kept (`known`), a read that only moves
 * its time by less than SNAPSHOT_TOUCH_MS is not written.
 *
 * @example
 * await rememberStatus(services, await readStatusByTenantId(services, tenantId));
 */
export async function rememberStatus(
  services: Services,
  status: AgreementStatus,
  profileReadAt = status.checkedAt,
  known?: StatusSnapshot,
): Promise<StatusSnapshot> {
  const snapshot = toSnapshot(status, profileReadAt);
  if (known && sameButTime(snapshot, known)) return known;
  const expires = new Date(Date.parse(profileReadAt) + PROFILE_REUSE_MS);
  await services.store.cache.put(NAMESPACE, snapshot.tenantId, snapshot, expires);
  return snapshot;
}

function sameButTime(snapshot: StatusSnapshot, known: StatusSnapshot): boolean {
  const age = Date.parse(snapshot.checkedAt) - Date.parse(known.checkedAt);
  if (!(age >= 0 && age < SNAPSHOT_TOUCH_MS)) return false;
  const keys = new Set([...Object.keys(snapshot), ...Object.keys(known)]) as Set<keyof StatusSnapshot>;
  for (const key of keys) if (key !== 'checkedAt' && snapshot[key] !== known[key]) return false;
  return true;
}

/** A customer as `GET /v1/customers/{id}` gave it, from a listed summary and the country and culture kept. */
export function customerFrom(summary: CustomerSummary, known: StatusSnapshot): Customer {
  return {
    id: summary.id,
    companyProfile: summary.companyProfile,
    relationshipToPartner: summary.relationshipToPartner,
    billingProfile: {
      culture: known.culture,
      ...(known.country ? { defaultAddress: { country: known.country } } : {}),
    },
  };
}

/**
 * The status of one listed customer for a portfolio sweep: an accepted status younger than
 * `acceptedCacheMs` is reused (acceptance rarely goes away); anything else is read again, with
 * the country and culture reused for a month so a re-read costs the two agreement reads only.
 *
 * @example
 * const { snapshot, fromCache } = await sweepStatus(services, summary, 7 * 86_400_000);
 */
export async function sweepStatus(
  services: Services,
  summary: CustomerSummary,
  acceptedCacheMs: number,
): Promise<{ snapshot: StatusSnapshot; fromCache: boolean }> {
  const known = await services.store.cache.get<StatusSnapshot>(NAMESPACE, summary.id.toLowerCase());
  const now = services.clock.now().getTime();
  const names = { companyName: summary.companyProfile.companyName, domain: summary.companyProfile.domain };
  if (known && isAccepted(known.state) && now - Date.parse(known.checkedAt) < acceptedCacheMs) {
    return { snapshot: { ...known, ...names }, fromCache: true };
  }
  const profileFresh = known !== undefined && now - Date.parse(known.profileReadAt) < PROFILE_REUSE_MS;
  const customer = profileFresh
    ? customerFrom(summary, known)
    : await services.partnerCenter.getCustomer(summary.id);
  const status = await readAgreementStatus(services, customer);
  const snapshot = await rememberStatus(services, status, profileFresh ? known.profileReadAt : undefined);
  return { snapshot, fromCache: false };
}

function isAccepted(state: AgreementState): boolean {
  return state === 'accepted-attested' || state === 'accepted-directly';
}

/**
 * The last known status of a customer, if one is kept (for names and countries without a call).
 *
 * @example
 * (await knownStatus(services, tenantId))?.companyName
 */
export async function knownStatus(services: Services, tenantId: string): Promise<StatusSnapshot | undefined> {
  return services.store.cache.get<StatusSnapshot>(NAMESPACE, tenantId.toLowerCase());
}
