import { audit } from '../../core/audit';
import type { Services } from '../../core/context';
import { asAppError } from '../../core/errors';
import type { JobRunner } from '../../core/router';
import { refreshPartnerCard } from './announce';
import { checkRequest, msRequestIdFor } from './check-acceptance';
import { ACCEPTANCE_JOBS, watchKey } from './jobs';
import { renderCustomerCard, renderCustomerEmail } from './customer-card';
import { loadRequest, updateRequest, type AcceptanceRequest } from './request-store';
import { firstWatchAt } from './watch-acceptance';

async function createAttestation(
  services: Services,
  r: AcceptanceRequest,
): Promise<AcceptanceRequest | undefined> {
  const attestation = await services.partnerCenter.createEnhancedAttestation(
    {
      customerTenantId: r.customerTenantId,
      country: r.country,
      language: r.language,
      companyName: r.companyName,
      signatoryFirstName: r.signatory.firstName,
      signatoryLastName: r.signatory.lastName,
      signatoryEmail: r.signatory.email,
      signatoryPhone: r.signatory.phone,
    },
    { requestId: msRequestIdFor('attestation', r.id) },
  );
  const updated = await updateRequest(services, r.id, (current) => {
    if (current.state !== 'queued') return undefined;
    return {
      ...current,
      attestationId: attestation.attestationId,
      acceptanceUrl: attestation.acceptanceUrl,
      expiresAt: attestation.expiresAt,
    };
  });
  return updated?.after;
}

async function deliver(services: Services, r: AcceptanceRequest): Promise<AcceptanceRequest | undefined> {
  const delivery = await services.delivery.deliver({
    customerTenantId: r.customerTenantId,
    card: renderCustomerCard({ ...r, state: 'sent' }, services),
    email: renderCustomerEmail(r, services),
    emailTo: r.signatory.email,
    idempotencyKey: `acceptance:${r.id}`,
  });
  const updated = await updateRequest(services, r.id, (current) =>
    current.state === 'queued' ? { ...current, state: 'sent', delivery, lastError: undefined } : undefined,
  );
  await audit({ services, caller: r.requestedBy }, 'acceptance.delivered', {
    customerTenantId: r.customerTenantId,
    details: { requestId: r.id, channel: delivery.channel },
  });
  return updated?.after;
}

async function giveUp(services: Services, id: string, code: string): Promise<void> {
  const result = await updateRequest(services, id, (r) =>
    r.state === 'queued' ? { ...r, state: 'failed', lastError: code } : undefined,
  );
  if (result) await refreshPartnerCard(services, result.after);
}

/**
 * Job `acceptance.start`: creates the attestation (once, idempotent MS-RequestId), delivers the
 * customer card or e-mail, and starts the watcher. Partner Center or Graph trouble: the job is
 * retried with backoff and the partner's card says so.
 */
export const startRequest: JobRunner = async (job, services) => {
  const { requestId } = job.payload as { requestId: string };
  let r = (await loadRequest(services, requestId))?.request;
  if (!r || r.state !== 'queued') return { done: true };
  try {
    if (!r.attestationId) r = await createAttestation(services, r);
    if (r && r.state === 'queued') r = await deliver(services, r);
  } catch (thrown) {
    const err = asAppError(thrown);
    if (err.code === 'PC_DUPLICATE_ATTESTATION') {
      // The same signatory already accepted for this customer: the status read decides.
      await updateRequest(services, requestId, (c) => ({ ...c, state: 'sent', lastError: err.code }));
      const after = await checkRequest(services, requestId);
      if (after?.state === 'sent') {
        const failed = await updateRequest(services, requestId, (c) =>
          c.state === 'sent' ? { ...c, state: 'failed' } : undefined,
        );
        if (failed) await refreshPartnerCard(services, failed.after);
      }
      return { done: true };
    }
    if (!err.retryable) {
      await giveUp(services, requestId, err.code);
      return { done: true };
    }
    const noted = await updateRequest(services, requestId, (c) =>
      c.lastError === err.code ? undefined : { ...c, lastError: err.code },
    );
    if (noted && noted.before.lastError !== err.code) await refreshPartnerCard(services, noted.after);
    throw err;
  }
  if (!r) return { done: true };
  await refreshPartnerCard(services, r);
  await services.store.jobs.enqueue({
    type: ACCEPTANCE_JOBS.watch,
    payload: { requestId, step: 0 },
    runAt: firstWatchAt(services),
    idempotencyKey: watchKey(requestId),
  });
  return { done: true };
};
