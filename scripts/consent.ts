/**
 * `npm run consent`: the secure application model consent for an Admin agent (device-code flow,
 * MFA-friendly). Stores the refresh token encrypted (TOKEN_ENCRYPTION_KEY) in the configured store
 * (DATA_DIR's SQLite file, or STORE=azure) and prints what to do next — never a token. In sandbox
 * mode it signs in against a running emulator (`npm run sandbox`, SANDBOX_URL=…).
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../src/config';
import { systemClock } from '../src/core/clock';
import { isAppError } from '../src/core/errors';
import { runConsent } from '../src/partner-center/consent';
import { loginNetwork } from '../src/partner-center/login-network';
import { parseTokenKey } from '../src/partner-center/token-crypto';
import { LOGIN_PREFIX } from '../src/sandbox/login';
import { openStore } from '../src/wiring/store';

const SANDBOX_CLIENT_ID = '00000000-0000-4000-8000-00000000c11e';

async function main(): Promise<void> {
  if (existsSync('.env')) {
    const before = { ...process.env };
    process.loadEnvFile('.env');
    Object.assign(process.env, before);
  }
  const config = loadConfig(process.env);
  const key = parseTokenKey(config.partnerCenter.tokenEncryptionKey ?? '');
  if (!key) throw new Error('Set TOKEN_ENCRYPTION_KEY first (32 random bytes: `openssl rand -base64 32`).');
  const sandbox = config.mode === 'sandbox';
  if (sandbox && !config.sandbox.url)
    throw new Error('In sandbox mode, start `npm run sandbox` and set SANDBOX_URL to the address it prints.');
  const { store } = await openStore(config, systemClock);
  try {
    console.log(
      'Sign in with an Admin agent account of your partner tenant (MFA is asked for in the browser).',
    );
    const { account } = await runConsent({
      tenantId: config.partner.tenantId,
      clientId: config.partnerCenter.clientId ?? SANDBOX_CLIENT_ID,
      records: store.records,
      key,
      now: () => systemClock.now(),
      say: (line) => console.log(`\n  ${line}\n`),
      networkClient: sandbox ? loginNetwork(`${config.sandbox.url}${LOGIN_PREFIX}`) : undefined,
    });
    console.log(
      [
        `Consent stored for ${account}, encrypted with TOKEN_ENCRYPTION_KEY in the bot's store.`,
        'Next steps:',
        '  1. Keep TOKEN_ENCRYPTION_KEY with your other secrets; every instance needs the same key.',
        '  2. PARTNER_CENTER_REFRESH_TOKEN is not needed: remove it from your settings if it is set.',
        '  3. Start (or restart) the bot: `npm start`. /readyz answers 200 once Partner Center accepts the token.',
      ].join('\n'),
    );
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  // The message only: a stack or an MSAL error object could carry request details.
  const message = isAppError(err) || err instanceof Error ? err.message : String(err);
  console.error(`Consent failed: ${message}`);
  process.exitCode = 1;
});
