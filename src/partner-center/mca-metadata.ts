import type { Logger } from '../core/logger';
import type { Clock } from '../core/clock';
import { unexpectedShape } from './paging';
import { MCA_AGREEMENT_TYPE } from './endpoints';
import type { AgreementMetadata } from './types';

/**
 * The agreement kind of a Partner Center record. The metadata page documents `agreementType`
 * (https://learn.microsoft.com/partner-center/developer/get-customer-agreement-metadata) and the
 * agreement resource `type` (https://learn.microsoft.com/partner-center/developer/agreement-resources);
 * responses have been seen with the other name, so both are read, the documented one first.
 *
 * @example
 * agreementKind({ type: 'MicrosoftCustomerAgreement' }); // 'MicrosoftCustomerAgreement'
 */
export function agreementKind(
  item: { type?: unknown; agreementType?: unknown },
  documented: 'type' | 'agreementType' = 'agreementType',
): string | undefined {
  const [first, second] =
    documented === 'type' ? [item.type, item.agreementType] : [item.agreementType, item.type];
  if (typeof first === 'string' && first !== '') return first;
  return typeof second === 'string' && second !== '' ? second : undefined;
}

/** The MCA template changes rarely; a day keeps Partner Center calls down and still picks up a new version. */
export const DEFAULT_METADATA_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Picks the MCA template from `GET /v1/agreements?agreementType=MicrosoftCustomerAgreement`.
 *
 * Partner Center documents `versionRank` only as "rank for the version for enforcement" and shows a
 * single item with rank 0. We read the rank as an ordinal (0 = first, i.e. the version enforced now)
 * and take the LOWEST; ties keep Partner Center's order. If several MCA items ever appear we log their
 * template ids and ranks so a person can verify that reading.
 *
 * @example
 * pickMcaTemplate([{ templateId: 'a', versionRank: 1, … }, { templateId: 'b', versionRank: 0, … }], log).templateId; // 'b'
 */
export function pickMcaTemplate(items: readonly AgreementMetadata[], log: Logger): AgreementMetadata {
  const mca = items.filter(
    (i) => agreementKind(i) === MCA_AGREEMENT_TYPE && typeof i.templateId === 'string',
  );
  const [first, ...rest] = mca;
  if (!first) throw unexpectedShape('the Microsoft Customer Agreement metadata (no MCA template listed)');
  if (rest.length > 0) {
    log.warn(
      { templates: mca.map((i) => ({ templateId: i.templateId, versionRank: i.versionRank })) },
      'Partner Center lists several MCA templates; using the lowest versionRank',
    );
  }
  return rest.reduce((best, i) => (rank(i) < rank(best) ? i : best), first);
}

function rank(item: AgreementMetadata): number {
  return typeof item.versionRank === 'number' ? item.versionRank : Number.POSITIVE_INFINITY;
}

/**
 * Caches one async value for `ttlMs`; concurrent callers share one load, and a failed load is not kept.
 *
 * @example
 * const metadata = cacheFor(() => loadMetadata(), systemClock, DEFAULT_METADATA_TTL_MS);
 * await metadata(); await metadata(); // one load
 */
export function cacheFor<T>(load: () => Promise<T>, clock: Clock, ttlMs: number): () => Promise<T> {
  let cached: { value: Promise<T>; until: number } | undefined;
  return () => {
    const now = clock.now().getTime();
    if (cached && now < cached.until) return cached.value;
    const value = load();
    const entry = { value, until: now + ttlMs };
    cached = entry;
    void value.catch(() => {
      // Only forget the failure if nothing newer replaced it meanwhile; the caller sees the rejection.
      if (cached === entry) cached = undefined;
    });
    return value;
  };
}
