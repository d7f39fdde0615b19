import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../core/clock';
import { SANDBOX_APP_TOKEN, SANDBOX_PARTNER_TENANT_ID, SANDBOX_USER_TOKEN } from './constants';

/** Where the emulated Microsoft Entra sign-in lives on the sandbox (`https://login.microsoftonline.com` → here). */
export const LOGIN_PREFIX = '/login';
const DAY_MS = 86_400_000;
/** The integration account the sandbox's consent signs in as. */
const ACCOUNT = { oid: '7d2c4a1e-5b3f-4e6a-9c8d-1f2e3a4b5c6d', upn: 'integration@fabrikam.example' };

interface RefreshToken {
  issuedAt: number;
  revoked: boolean;
}

const b64url = (v: string) => Buffer.from(v).toString('base64url');

/**
 * The Microsoft Entra token endpoint as the bot meets it, for the sandbox and tests: OpenID
 * metadata, refresh-token redemption with rotation (every redemption returns a new refresh token;
 * a token is refused after `refreshTokenDays` on the sandbox clock, or once revoked), client
 * credentials, and the device-code flow of `npm run consent`. Errors carry the AADSTS codes
 * Entra uses (AADSTS700082 expired, AADSTS50173 revoked), so the bot's hints are exercised.
 */
export class SandboxLogin {
  private readonly refreshTokens = new Map<string, RefreshToken>();
  private consent?: string;
  private readonly deviceCodes = new Map<string, { approved: boolean }>();
  redemptions = 0;

  constructor(
    private readonly clock: Clock,
    readonly refreshTokenDays = 90,
  ) {}

  /** A refresh token as the secure application model consent hands it out. */
  issueRefreshToken(): string {
    const token = `sandbox-rt-${randomBytes(12).toString('hex')}`;
    this.refreshTokens.set(token, { issuedAt: this.clock.now().getTime(), revoked: false });
    return token;
  }

  /** The refresh token of the emulated consent: one per sandbox, like the one pasted at first start. */
  consentToken(): string {
    this.consent ??= this.issueRefreshToken();
    return this.consent;
  }

  /** What the Admin agent does in the browser: approves every device code waiting for sign-in. */
  approvePendingDeviceCodes(): number {
    let n = 0;
    for (const entry of this.deviceCodes.values()) {
      if (entry.approved) continue;
      entry.approved = true;
      n++;
    }
    return n;
  }

  /** Every refresh token stops working, as when an admin revokes the integration account's sessions. */
  revokeAll(): void {
    for (const t of this.refreshTokens.values()) t.revoked = true;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice(LOGIN_PREFIX.length);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const host = `https://login.microsoftonline.com`;
    const tenant = /^\/([^/]+)\//.exec(path)?.[1] ?? 'common';
    if (req.method === 'GET' && path.endsWith('/v2.0/.well-known/openid-configuration')) {
      return json(200, {
        issuer: `${host}/${tenant}/v2.0`,
        authorization_endpoint: `${host}/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${host}/${tenant}/oauth2/v2.0/token`,
        device_authorization_endpoint: `${host}/${tenant}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${host}/${tenant}/oauth2/v2.0/logout`,
        jwks_uri: `${host}/${tenant}/discovery/v2.0/keys`,
      });
    }
    if (req.method === 'GET' && path.startsWith('/common/discovery/instance')) {
      return json(200, {
        tenant_discovery_endpoint: `${host}/${tenant}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [
          {
            preferred_network: 'login.microsoftonline.com',
            preferred_cache: 'login.windows.net',
            aliases: ['login.microsoftonline.com', 'login.windows.net'],
          },
        ],
      });
    }
    const form = new URLSearchParams(await readBody(req));
    if (req.method === 'POST' && path.endsWith('/oauth2/v2.0/devicecode')) {
      const userCode = randomBytes(4).toString('hex').toUpperCase();
      this.deviceCodes.set(userCode, { approved: false });
      return json(200, {
        device_code: userCode,
        user_code: userCode,
        verification_uri: 'https://microsoft.com/devicelogin',
        expires_in: 900,
        interval: 1,
        message: `To sign in, use a web browser to open https://microsoft.com/devicelogin and enter the code ${userCode} to authenticate.`,
      });
    }
    if (req.method === 'POST' && path.endsWith('/oauth2/v2.0/token'))
      return json(...this.token(form, tenant));
    return json(404, { error: 'not_found' });
  }

  private token(form: URLSearchParams, tenant: string): [number, unknown] {
    const grant = form.get('grant_type');
    const fail = (code: string, aadsts: string, text: string): [number, unknown] => [
      400,
      { error: code, error_description: `${aadsts}: ${text}`, error_codes: [Number(aadsts.slice(6))] },
    ];
    if (grant === 'client_credentials') {
      return [200, { token_type: 'Bearer', expires_in: 3599, access_token: SANDBOX_APP_TOKEN }];
    }
    // Entra takes the RFC 8628 name and the short one MSAL sends.
    if (grant === 'device_code' || grant === 'urn:ietf:params:oauth:grant-type:device_code') {
      const entry = this.deviceCodes.get(form.get('device_code') ?? '');
      if (!entry) return fail('expired_token', 'AADSTS70019', 'Verification code expired.');
      if (!entry.approved)
        return fail('authorization_pending', 'AADSTS70016', 'Pending end-user authorization.');
      this.deviceCodes.delete(form.get('device_code') ?? '');
      return [200, this.userTokens(tenant)];
    }
    if (grant === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const known = this.refreshTokens.get(presented);
      if (!known)
        return fail('invalid_grant', 'AADSTS9002313', 'Invalid request. Request is malformed or invalid.');
      if (known.revoked)
        return fail(
          'invalid_grant',
          'AADSTS50173',
          'The provided grant has expired due to it being revoked.',
        );
      if (this.clock.now().getTime() - known.issuedAt >= this.refreshTokenDays * DAY_MS)
        return fail('invalid_grant', 'AADSTS700082', 'The refresh token has expired due to inactivity.');
      this.redemptions++;
      return [200, this.userTokens(tenant)];
    }
    return fail('unsupported_grant_type', 'AADSTS70003', `The grant type ${grant ?? ''} is not supported.`);
  }

  /** Access token (the sandbox's App+User token), a rotated refresh token, and the account. */
  private userTokens(tenant: string) {
    const tid = tenant === 'common' || tenant === 'organizations' ? SANDBOX_PARTNER_TENANT_ID : tenant;
    const idToken = [
      b64url(JSON.stringify({ alg: 'none', typ: 'JWT' })),
      b64url(
        JSON.stringify({
          iss: `https://login.microsoftonline.com/${tid}/v2.0`,
          aud: 'sandbox',
          oid: ACCOUNT.oid,
          tid,
          preferred_username: ACCOUNT.upn,
          iat: Math.floor(Date.now() / 1000),
          exp: Math.floor(Date.now() / 1000) + 3600,
        }),
      ),
      '',
    ].join('.');
    return {
      token_type: 'Bearer',
      scope: 'https://api.partnercenter.microsoft.com/user_impersonation',
      expires_in: 3599,
      access_token: SANDBOX_USER_TOKEN,
      refresh_token: this.issueRefreshToken(),
      id_token: idToken,
      client_info: b64url(JSON.stringify({ uid: ACCOUNT.oid, utid: tid })),
    };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
