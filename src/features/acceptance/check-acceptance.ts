import { audit } from '../../core/audit';
import { createHash } from 'node:crypto';
import type { Services } from '../../core/context';
import { isAppError } from '../../core/errors';
import { isMcaSatisfied, readStatusByTenantId } from '../status';
import { announceClosed } from './announce';
import { watchKey } from './jobs';
import { isOpen, loadRequest, updateRequest, type AcceptanceRequest } from './request-store';

/** A stable GUID for one logical Partner Center write, so a retry reuses the same MS-RequestId. */
export function msRequestIdFor(purpose: string, requestId: string): string {
  const h = createHash('sha256').update(`${purpose}:${requestId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type Seen =
  { accepted: true; via: 'attestation' | 'direct'; at?: string } | { accepted: false; expired: boolean };

async function look(services: Services, r: AcceptanceRequest): Promise<Seen> {
  const pc = services.partnerCenter;
  const now = services.clock.now();
  if (r.attestationId) {
    const attestation = await pc.getEnhancedAttestation(r.attestationId);
    if (attestation.status === 'accepted') {
      try {
        await pc.finalizeAgreement(r.customerTenantId, r.attestationId, {
          requestId: msRequestIdFor('finalize', r.id),
        });
        // MCA Assist finalizes by itself once Microsoft shows the acceptance.
        await audit(
          { services, caller: { aadObjectId: '', tenantId: services.partner.tenantId } },
          'acceptance.finalized',
          {
            customerTenantId: r.customerTenantId,
            details: { requestId: r.id },
            at: now.toISOString(),
          },
        );
      } catch (err) {
        // Already finalized (an earlier attempt got through before a crash): that is success.
        if (!isAppError(err, 'PC_DUPLICATE_ATTESTATION')) throw err;
      }
      return { accepted: true, via: 'attestation', at: attestation.acceptedAt };
    }
    if (attestation.status === 'finalized')
      return { accepted: true, via: 'attestation', at: attestation.acceptedAt };
    if (attestation.status === 'expired') return { accepted: false, expired: true };
  }
  // The customer may have accepted in the admin center instead of through our link.
  const status = await readStatusByTenantId(services, r.customerTenantId);
  if (isMcaSatisfied(status)) return { accepted: true, via: 'direct' };
  const expired = r.expiresAt !== undefined && Date.parse(r.expiresAt) <= now.getTime();
  return { accepted: false, expired };
}

/**
 * Checks one request against Partner Center now; on acceptance finalizes the agreement and announces
 * it (once, whoever notices first). Concurrent calls for the same request share one check.
 */
export function checkRequest(services: Services, requestId: string): Promise<AcceptanceRequest | undefined> {
  return services.coordination.singleFlight.run(`acceptance.check:${requestId}`, () =>
    runCheck(services, requestId),
  );
}

async function runCheck(services: Services, requestId: string): Promise<AcceptanceRequest | undefined> {
  const loaded = await loadRequest(services, requestId);
  if (!loaded || !isOpen(loaded.request) || loaded.request.state === 'queued') return loaded?.request;
  const seen = await look(services, loaded.request);
  const now = services.clock.now().toISOString();
  const result = await updateRequest(services, requestId, (r) => {
    if (!isOpen(r)) return undefined;
    r.lastCheckedAt = now;
    if (seen.accepted) {
      r.state = 'accepted';
      r.acceptedVia = seen.via;
      r.acceptedAt = seen.at ?? now;
    } else if (seen.expired) {
      r.state = 'expired';
    }
    return r;
  });
  if (result && isOpen(result.before) && !isOpen(result.after)) {
    await services.store.jobs.cancelByKey(watchKey(requestId));
    await announceClosed(services, result.after);
  }
  return result?.after;
}
