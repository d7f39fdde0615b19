import { describe, expect, it } from 'vitest';
import { deriveStatus, isMcaSatisfied, type ReadResult } from '../../src/features/status/agreement-status';
import type { Agreement, Customer, DirectSignStatus } from '../../src/partner-center/types';

const now = new Date('2026-11-25T12:00:00Z');
const customer: Customer = {
  id: '8fdcceb0-8c63-411f-a6f0-27304fb58973',
  companyProfile: {
    tenantId: '8fdcceb0-8c63-411f-a6f0-27304fb58973',
    domain: 'contoso.onmicrosoft.com',
    companyName: 'Contoso',
  },
  billingProfile: { culture: 'de-DE', defaultAddress: { country: 'DE' } },
  relationshipToPartner: 'reseller',
};
const agreement = (dateAgreed: string, firstName = 'Lena'): Agreement => ({
  primaryContact: { firstName, lastName: 'Müller', email: 'lena@example.com' },
  templateId: '117a77b0-9360-443b-8795-c6dedc750cf9',
  dateAgreed,
  type: 'MicrosoftCustomerAgreement',
});
const ok = <T>(value: T): ReadResult<T> => ({ ok: true, value });
const signed = (isSigned: boolean) => ok<DirectSignStatus>({ isSigned });

describe('deriveStatus', () => {
  it('calls a direct acceptance accepted, even with an old attestation', () => {
    const s = deriveStatus(customer, ok([agreement('2021-05-10T09:00:00')]), signed(true), now);
    expect(s.state).toBe('accepted-directly');
    expect(s.attestation?.dateAgreed).toBe('2021-05-10T09:00:00');
    expect(isMcaSatisfied(s)).toBe(true);
  });

  it('calls a recent attestation accepted and names the signer', () => {
    const s = deriveStatus(customer, ok([agreement('2025-02-11T10:15:00')]), signed(false), now);
    expect(s.state).toBe('accepted-attested');
    expect(s.attestation?.signer).toEqual({ firstName: 'Lena', lastName: 'Müller' });
  });

  it('uses the latest of several attestations', () => {
    const s = deriveStatus(
      customer,
      ok([agreement('2025-03-04T15:30:00', 'New'), agreement('2022-01-17T12:00:00', 'Old')]),
      signed(false),
      now,
    );
    expect(s.state).toBe('accepted-attested');
    expect(s.attestation?.signer.firstName).toBe('New');
  });

  it('asks for re-acceptance when the latest attestation is before 1 April 2023', () => {
    expect(deriveStatus(customer, ok([agreement('2023-03-31T23:59:59Z')]), signed(false), now).state).toBe(
      'reacceptance-required',
    );
    expect(deriveStatus(customer, ok([agreement('2023-04-01T00:00:00Z')]), signed(false), now).state).toBe(
      'accepted-attested',
    );
  });

  it('calls no records at all not accepted', () => {
    const s = deriveStatus(customer, ok([]), signed(false), now);
    expect(s.state).toBe('not-accepted');
    expect(isMcaSatisfied(s)).toBe(false);
  });

  it('ignores Cloud Agreement records', () => {
    const cloud = { ...agreement('2025-01-01T00:00:00'), type: 'MicrosoftCloudAgreement' as const };
    expect(deriveStatus(customer, ok([cloud]), signed(false), now).state).toBe('not-accepted');
  });

  it('cannot tell when the direct read was refused and no recent attestation exists', () => {
    const s = deriveStatus(customer, ok([]), { ok: false, reason: 'no-relationship' }, now);
    expect(s).toMatchObject({ state: 'unknown', reason: 'no-relationship' });
    const old = deriveStatus(
      customer,
      ok([agreement('2020-01-01T00:00:00')]),
      { ok: false, reason: 'unavailable' },
      now,
    );
    expect(old).toMatchObject({ state: 'unknown', reason: 'unavailable' });
  });

  it('still knows a recent attestation when the direct read failed', () => {
    expect(
      deriveStatus(
        customer,
        ok([agreement('2025-01-01T00:00:00')]),
        { ok: false, reason: 'unavailable' },
        now,
      ).state,
    ).toBe('accepted-attested');
  });

  it('cannot tell when the attestation read failed and the customer did not sign directly', () => {
    expect(deriveStatus(customer, { ok: false, reason: 'permission' }, signed(false), now)).toMatchObject({
      state: 'unknown',
      reason: 'permission',
    });
  });

  it('takes country and culture from the billing profile', () => {
    const s = deriveStatus(customer, ok([]), signed(false), now);
    expect(s.customer).toMatchObject({ country: 'DE', culture: 'de-DE', companyName: 'Contoso' });
    expect(s.checkedAt).toBe('2026-11-25T12:00:00.000Z');
  });
});
