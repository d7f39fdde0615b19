import { GUID } from '../core/ids';
import { randomUUID } from 'node:crypto';
import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Call, PartnerCenterClient } from './client';
import {
  attestationRequestBody,
  finalizeRequestBody,
  readAttestation,
  readFinalizedAgreement,
} from './enhanced-attestation';
import { assertTenantId } from './validate';

type AttestationCalls = Pick<
  PartnerCenterClient,
  'createEnhancedAttestation' | 'getEnhancedAttestation' | 'finalizeAgreement'
>;

/**
 * The enhanced attestation flow (App-only): create → customer accepts at the link → finalize.
 * What is assumed about the wire format lives in enhanced-attestation.ts.
 */
export function createAttestationCalls(
  call: Call,
  options: { linkBase: string; now: () => number; log: Logger },
): AttestationCalls {
  const read = (body: unknown, ids: { attestationId?: string; customerTenantId?: string }) =>
    readAttestation(body, { linkBase: options.linkBase, nowMs: options.now(), log: options.log, ...ids });

  return {
    async createEnhancedAttestation(input, opts = {}) {
      const body = attestationRequestBody(input);
      const answer = await call<unknown>('createEnhancedAttestation', {}, [], {
        body,
        requestId: requestIdOf(opts.requestId),
        logFields: { customerTenantId: body.customerTenantId ?? '' },
      });
      return read(answer, { customerTenantId: body.customerTenantId });
    },

    async getEnhancedAttestation(attestationId) {
      assertAttestationId(attestationId);
      const answer = await call<unknown>('getEnhancedAttestation', { attestationId }, []);
      return read(answer, { attestationId });
    },

    async finalizeAgreement(customerTenantId, attestationId, opts = {}) {
      assertTenantId(customerTenantId);
      assertAttestationId(attestationId);
      const answer = await call<unknown>('finalizeAgreement', { tenantId: customerTenantId }, [], {
        body: finalizeRequestBody(attestationId),
        requestId: requestIdOf(opts.requestId),
      });
      return readFinalizedAgreement(answer);
    },
  };
}

function assertAttestationId(id: string): void {
  if (typeof id === 'string' && /^[\w.-]{1,128}$/.test(id)) return;
  throw new AppError('INPUT_INVALID', 'That is not an attestation ID.');
}

/** A caller's id must be a GUID, as Partner Center expects; otherwise one is made. */
function requestIdOf(requestId: string | undefined): string {
  if (requestId === undefined) return randomUUID();
  if (GUID.test(requestId)) return requestId;
  throw new AppError(
    'INTERNAL',
    'The requestId passed for an idempotent Partner Center call must be a GUID.',
  );
}
