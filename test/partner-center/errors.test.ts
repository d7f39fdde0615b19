import { describe, expect, it } from 'vitest';
import { toAppError } from '../../src/partner-center';

const RID = '11111111-2222-4333-8444-555555555555';

describe('toAppError', () => {
  it.each([
    [401, undefined, 'PC_UNAUTHORIZED', false],
    [403, { code: 20002 }, 'PC_NO_RELATIONSHIP', false],
    [403, { code: '20002' }, 'PC_NO_RELATIONSHIP', false],
    [403, { code: 13605 }, 'PC_MCA_REQUIRED', false],
    [403, { code: '10001' }, 'PC_MFA_REQUIRED', false],
    [401, { code: 10001 }, 'PC_MFA_REQUIRED', false],
    [
      400,
      { code: 600061, errorName: 'PartnerConfirmedAgreementAlreadyExists' },
      'PC_DUPLICATE_ATTESTATION',
      false,
    ],
    [409, { code: '600061' }, 'PC_DUPLICATE_ATTESTATION', false],
    [403, { code: '900124' }, 'PC_FORBIDDEN', false],
    [403, {}, 'PC_FORBIDDEN', false],
    [404, null, 'PC_NOT_FOUND', false],
    [429, { statusCode: 429, message: 'Rate limit is exceeded.' }, 'PC_THROTTLED', true],
    [500, undefined, 'PC_UNAVAILABLE', true],
    [502, '<html>Bad gateway</html>', 'PC_UNAVAILABLE', true],
    [504, undefined, 'PC_UNAVAILABLE', true],
    [400, { code: '600002' }, 'PC_BAD_REQUEST', false],
    [400, 'not json', 'PC_BAD_REQUEST', false],
    [409, { code: 'conflict' }, 'PC_BAD_REQUEST', false],
  ])('maps HTTP %i with body %j to %s (retryable %s)', (status, body, code, retryable) => {
    const err = toAppError(status, body, RID);

    expect(err.code).toBe(code);
    expect(err.retryable).toBe(retryable);
    expect(err.details.status).toBe(status);
    expect(err.details.requestId).toBe(RID);
  });

  it('normalises a numeric Partner Center code to a string in the details', () => {
    const err = toAppError(400, { code: 600061, errorName: 'PartnerConfirmedAgreementAlreadyExists' }, RID);

    expect(err.details).toMatchObject({
      pcCode: '600061',
      pcErrorName: 'PartnerConfirmedAgreementAlreadyExists',
    });
  });

  it('maps a 403 without a code to PC_NO_RELATIONSHIP on endpoints that say so', () => {
    expect(toAppError(403, undefined, RID, { on403: 'PC_NO_RELATIONSHIP' }).code).toBe('PC_NO_RELATIONSHIP');
  });

  it('lets a known code win over the endpoint default for a 403', () => {
    expect(toAppError(403, { code: 10001 }, RID, { on403: 'PC_NO_RELATIONSHIP' }).code).toBe(
      'PC_MFA_REQUIRED',
    );
  });

  it('maps a checkout order error 13605 to PC_MCA_REQUIRED with the admin-center link', () => {
    const orderError = { orderGroupId: '0', code: 13605, description: 'Either a partner confirmation …' };

    const err = toAppError(403, orderError, RID);

    expect(err.code).toBe('PC_MCA_REQUIRED');
    expect(err.message).toContain(
      'https://admin.microsoft.com/AdminPortal/Home?ref=/BillingAccounts/agreement',
    );
  });

  it('names the account settings to check on a 401', () => {
    const err = toAppError(401, undefined, RID);

    expect(err.message).toContain('PARTNER_CENTER_CLIENT_ID / PARTNER_CENTER_CLIENT_SECRET');
    expect(err.message).toContain('Account settings › App management');
  });

  it('does not copy the Partner Center description into the message', () => {
    const err = toAppError(400, { code: 'x', description: 'contact tania@example.com is invalid' }, RID);

    expect(err.message).not.toContain('tania@example.com');
  });

  it('reads 600002 as Microsoft documents it: an organization registration ID that is not supported', () => {
    const err = toAppError(400, { code: '600002' }, RID);

    expect(err.message).toContain('organization registration ID');
    expect(err.message).not.toContain('future');
  });

  it('maps 900329 (no app-only authentication) to a message naming the App+User token setup', () => {
    const err = toAppError(403, { code: 900329, errorName: 'AppOnlyTokenNotAllowed' }, RID);

    expect(err.code).toBe('PC_UNAUTHORIZED');
    expect(err.message).toContain('App+User token');
    expect(err.message).toContain('src/partner-center/endpoints.ts');
  });
});
