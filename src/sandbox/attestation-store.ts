import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { Agreement, PrimaryContact } from '../partner-center/types';

/** CloudCockpit allows link lifetimes up to 10080 minutes (reference §3); the sandbox uses the maximum. */
const ATTESTATION_LIFETIME_MS = 7 * 24 * 60 * 60_000;

export type SandboxAttestationStatus = 'pending' | 'accepted' | 'expired' | 'finalized';

/** An enhanced attestation as the sandbox keeps it; `toWire` is what GET answers. */
export interface SandboxAttestation {
  attestationId: string;
  status: SandboxAttestationStatus;
  acceptanceUrl: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt?: string;
  finalizedAt?: string;
  customerTenantId?: string;
  country: string;
  language: string;
  companyName: string;
  signatory: PrimaryContact;
}

export type NewAttestation = Pick<
  SandboxAttestation,
  'country' | 'language' | 'companyName' | 'signatory' | 'customerTenantId'
>;

/**
 * The sandbox's attestations. Expiry is applied on every read, so moving the test clock past
 * `expiresAt` expires a pending link just as waiting would.
 */
export class AttestationStore {
  private readonly items = new Map<string, SandboxAttestation>();
  /** MS-RequestId → result, so a retried create or finalize is answered like the first one. */
  private readonly creates = new Map<string, string>();
  private readonly finalizes = new Map<string, Agreement>();

  constructor(private readonly clock: Clock) {}

  create(input: NewAttestation, acceptanceBase: string): SandboxAttestation {
    const now = this.clock.now();
    const attestationId = randomUUID();
    const attestation: SandboxAttestation = {
      ...input,
      signatory: { ...input.signatory },
      attestationId,
      status: 'pending',
      acceptanceUrl: `${acceptanceBase}?attestationid=${encodeURIComponent(attestationId)}`,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ATTESTATION_LIFETIME_MS).toISOString(),
    };
    this.items.set(attestationId, attestation);
    return copy(attestation);
  }

  get(id: string): SandboxAttestation | undefined {
    const a = this.live(id);
    return a && copy(a);
  }

  list(): SandboxAttestation[] {
    return [...this.items.keys()].map((id) => this.get(id)).filter((a) => a !== undefined);
  }

  /** The customer's Accept click. Idempotent once accepted; refuses an expired or unknown link. */
  accept(id: string): SandboxAttestation {
    const a = this.require(id);
    if (a.status === 'expired') throw new Error(`Attestation ${id} has expired.`);
    if (a.status === 'pending') {
      a.status = 'accepted';
      a.acceptedAt = this.clock.now().toISOString();
    }
    return copy(a);
  }

  /** Ends a pending link now, as if its lifetime had passed. */
  expire(id: string): SandboxAttestation {
    const a = this.require(id);
    if (a.status === 'pending') {
      a.status = 'expired';
      a.expiresAt = this.clock.now().toISOString();
    }
    return copy(a);
  }

  markFinalized(id: string): void {
    const a = this.require(id);
    a.status = 'finalized';
    a.finalizedAt = this.clock.now().toISOString();
  }

  createdBy(requestId: string | undefined): SandboxAttestation | undefined {
    const id = requestId === undefined ? undefined : this.creates.get(requestId);
    return id === undefined ? undefined : this.get(id);
  }

  rememberCreate(requestId: string | undefined, attestationId: string): void {
    if (requestId) this.creates.set(requestId, attestationId);
  }

  finalizedBy(requestId: string | undefined): Agreement | undefined {
    return requestId === undefined ? undefined : this.finalizes.get(requestId);
  }

  rememberFinalize(requestId: string | undefined, agreement: Agreement): void {
    if (requestId) this.finalizes.set(requestId, agreement);
  }

  clear(): void {
    this.items.clear();
    this.creates.clear();
    this.finalizes.clear();
  }

  /** Everything, as JSON data (sandbox restarts: persistence.ts). */
  dump(): { items: SandboxAttestation[]; creates: [string, string][]; finalizes: [string, Agreement][] } {
    return { items: [...this.items.values()], creates: [...this.creates], finalizes: [...this.finalizes] };
  }

  load(data: ReturnType<AttestationStore['dump']>): void {
    this.clear();
    for (const a of data.items) this.items.set(a.attestationId, a);
    for (const [k, v] of data.creates) this.creates.set(k, v);
    for (const [k, v] of data.finalizes) this.finalizes.set(k, v);
  }

  private require(id: string): SandboxAttestation {
    const a = this.live(id);
    if (!a) throw new Error(`The sandbox has no attestation ${id}.`);
    return a;
  }

  private live(id: string): SandboxAttestation | undefined {
    const a = this.items.get(id.toLowerCase());
    if (a?.status === 'pending' && this.clock.now().getTime() >= Date.parse(a.expiresAt))
      a.status = 'expired';
    return a;
  }
}

/** The JSON Partner Center is assumed to answer (see src/partner-center/enhanced-attestation.ts). */
export function toWire(a: SandboxAttestation): Record<string, unknown> {
  const { signatory, finalizedAt: _f, ...rest } = a;
  return {
    ...rest,
    signatoryFirstName: signatory.firstName,
    signatoryLastName: signatory.lastName,
    signatoryEmail: signatory.email,
    ...(signatory.phoneNumber ? { signatoryPhone: signatory.phoneNumber } : {}),
    attributes: { objectType: 'EnhancedAttestation' },
  };
}

function copy(a: SandboxAttestation): SandboxAttestation {
  return { ...a, signatory: { ...a.signatory } };
}
