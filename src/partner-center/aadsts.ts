import { AppError } from '../core/errors';
import type { TokenKind } from './types';

/**
 * Microsoft Entra (AADSTS) and MSAL error codes → what the person running the bot should change.
 * Matched in order: AADSTS numbers first (they are the most specific; AADSTS50076 arrives with the
 * generic OAuth error `invalid_grant`), then the OAuth / MSAL error code.
 */
const HINTS: readonly { codes: readonly string[]; hint: string; retryable?: boolean }[] = [
  {
    codes: ['AADSTS7000215', 'AADSTS7000222'],
    hint:
      'The client secret is wrong or has expired. Create a new secret for the app in Microsoft Entra ID ' +
      '(App registrations › Certificates & secrets) and set PARTNER_CENTER_CLIENT_SECRET.',
  },
  {
    codes: ['AADSTS700016'],
    hint:
      'No app with this client ID exists in the partner tenant. Check PARTNER_CENTER_CLIENT_ID and that ' +
      'PARTNER_TENANT_ID is the tenant where the app is registered.',
  },
  {
    codes: ['AADSTS90002'],
    hint: 'The tenant was not found. Check PARTNER_TENANT_ID (your partner tenant ID or its onmicrosoft.com domain).',
  },
  {
    codes: ['AADSTS50076', 'AADSTS50079'],
    hint:
      'Multi-factor authentication is required. Re-run the consent step with the integration account ' +
      'signing in with MFA, and store the new refresh token in PARTNER_CENTER_REFRESH_TOKEN.',
  },
  {
    codes: ['AADSTS65001'],
    hint:
      'The app has not been granted consent for Partner Center. Re-run the consent step (secure application ' +
      'model) so the app gets the Partner Center user_impersonation permission.',
  },
  {
    codes: ['AADSTS70008', 'AADSTS700082', 'AADSTS50173', 'invalid_grant'],
    hint:
      'The refresh token has expired or was revoked. Re-run the consent step: `npm run consent` on the bot ' +
      'host, signing in with an Admin agent account (README › Going live, step 1), then restart the bot; ' +
      'it stores the new token encrypted and keeps it current from then on.',
  },
  {
    codes: ['invalid_client', 'unauthorized_client'],
    hint: 'Microsoft Entra ID rejected the app. Check PARTNER_CENTER_CLIENT_ID and PARTNER_CENTER_CLIENT_SECRET.',
  },
  {
    codes: ['network_error', 'no_network_connectivity'],
    hint: 'Microsoft Entra ID (login.microsoftonline.com) could not be reached. Try again in a few minutes.',
    retryable: true,
  },
  {
    codes: ['endpoints_resolution_error'],
    hint:
      'The sign-in authority could not be resolved. Check PARTNER_TENANT_ID and that login.microsoftonline.com ' +
      'is reachable from the bot.',
  },
];

const GENERIC =
  'Check PARTNER_TENANT_ID, PARTNER_CENTER_CLIENT_ID, PARTNER_CENTER_CLIENT_SECRET and, for App+User calls, ' +
  'PARTNER_CENTER_REFRESH_TOKEN.';

/**
 * Turns an MSAL / AADSTS failure into `AUTH_TOKEN_FAILED` with a message naming what to check.
 * The MSAL error stays as `cause`; tokens and secrets are never part of the message. `service`
 * names the token's audience in the message (the Graph mail sender reuses this with the same app).
 *
 * @example
 * try { await msal.acquireTokenByClientCredential(req); } catch (err) { throw translateTokenError(err, 'app'); }
 */
export function translateTokenError(err: unknown, kind: TokenKind, service = 'Partner Center'): AppError {
  const { aadsts, errorCode } = readMsalError(err);
  const rule =
    HINTS.find((r) => aadsts !== undefined && r.codes.includes(aadsts)) ??
    HINTS.find((r) => errorCode !== undefined && r.codes.includes(errorCode));
  const login = kind === 'app' ? 'app-only' : 'App+User (integration account)';
  return new AppError(
    'AUTH_TOKEN_FAILED',
    `Could not get a ${service} token for the ${login} sign-in. ${rule?.hint ?? GENERIC}`,
    {
      cause: err,
      details: { tokenKind: kind, aadsts, msalErrorCode: errorCode, service },
      retryable: rule?.retryable,
    },
  );
}

/** Reads the AADSTS number (from `errorNo` or the text) and the OAuth/MSAL error code of an MSAL error. */
function readMsalError(err: unknown): { aadsts?: string; errorCode?: string } {
  if (typeof err !== 'object' || err === null) return {};
  const e = err as { errorCode?: unknown; errorMessage?: unknown; message?: unknown; errorNo?: unknown };
  const text = [e.errorMessage, e.message].filter((t): t is string => typeof t === 'string').join(' ');
  const fromText = /AADSTS(\d+)/.exec(text)?.[1];
  const fromNo = typeof e.errorNo === 'string' && /^\d+$/.test(e.errorNo) ? e.errorNo : undefined;
  const number = fromText ?? fromNo;
  return {
    aadsts: number === undefined ? undefined : `AADSTS${number}`,
    errorCode: typeof e.errorCode === 'string' && e.errorCode !== '' ? e.errorCode : undefined,
  };
}
