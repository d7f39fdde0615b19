import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { foreignKey, OpenIdIssuer } from '../support/openid-issuer';

const APP_ID = '5f0c1b2a-3d4e-4f60-8a9b-0c1d2e3f4a5b';
const APP_PASSWORD = 'app-password-that-must-never-sign-anything';
const FABRIKAM = '4db61b85-10e6-4651-969d-6fbe6f49b1fc';

describe('channel authentication answers honestly', () => {
  const issuer = new OpenIdIssuer();
  const bot = new BotHarness();
  beforeAll(async () => {
    await issuer.start();
    await bot.start({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: APP_PASSWORD,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '11111111-2222-4333-8444-555555555555',
      ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
    });
  });
  afterAll(async () => {
    await bot.stop();
    await issuer.stop();
  });

  const claims = () => ({ audience: APP_ID, serviceUrl: bot.teams.url });
  const click = () =>
    bot.activity(
      'invoke',
      {},
      {
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'refreshStatus', data: { tenantId: FABRIKAM } } },
      },
    );
  const post = (token?: string) =>
    bot.post(click(), token === undefined ? {} : { Authorization: `Bearer ${token}` });

  /** Nothing a library knows (claims, key ids, URLs, jwt wording) may reach the caller. */
  function expectGeneric(body: unknown) {
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/jwt|signature|token|claim|key|http|issuer|audience|expired|active/i);
  }

  it('answers 503 with Retry-After while the OpenID metadata cannot be fetched, and logs it once a minute', async () => {
    issuer.available = false;
    const before = bot.logLines.length;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${issuer.token(claims())}` },
        body: JSON.stringify(click()),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code).toBe('ServiceUnavailable');
      expectGeneric(body);
    }
    const logged = bot.logLines.slice(before).filter((l) => l.includes('channel authentication unavailable'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('Failed to load openID config: 503');
    issuer.available = true;
  });

  it('runs the bot for a valid channel token (positive control)', async () => {
    const res = await post(issuer.token(claims()));
    expect(res.status).toBe(200);
    expect(cardText(res.body.value)).toContain('MCA accepted by the customer');
  });

  const rejected: [string, () => string | undefined][] = [
    ['no Authorization header', () => undefined],
    ['a token signed with alg none', () => issuer.unsignedToken(claims())],
    [
      'a token signed by a foreign key under the right key id',
      () => issuer.token({ ...claims(), key: foreignKey() }),
    ],
    ['an HS256 token keyed with the app password', () => issuer.hmacToken(claims(), APP_PASSWORD)],
    ['a token not valid for another hour', () => issuer.token({ ...claims(), notBefore: 3600 })],
    ['an expired token', () => issuer.token({ ...claims(), notBefore: -7200, expiresIn: -3600 })],
    [
      'a token for another bot',
      () => issuer.token({ ...claims(), audience: '99999999-9999-4999-8999-999999999999' }),
    ],
    ['a token from another issuer', () => issuer.token({ ...claims(), issuer: 'https://evil.example' })],
    [
      'a token for another service URL',
      () => issuer.token({ ...claims(), serviceUrl: 'https://evil.example/' }),
    ],
    ['garbage', () => 'not-a-jwt'],
  ];
  it.each(rejected)('answers 401 with a generic body to %s', async (_name, token) => {
    const res = await post(token());
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'Unauthorized', message: 'The request is not authorized.' } });
    expectGeneric(res.body);
  });

  it('counts refusals by reason on /metrics', async () => {
    const text = await (await fetch(`${bot.url}/metrics`)).text();
    expect(text).toContain(`channel_auth_refused_total{reason="rejected"} ${rejected.length}`);
    expect(text).toContain('channel_auth_refused_total{reason="metadata"} 3');
  });
});
