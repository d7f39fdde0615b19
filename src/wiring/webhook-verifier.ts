import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config';
import type { Clock } from '../core/clock';
import { AppError } from '../core/errors';
import { loadSigningMaterial, type WebhookSigningMaterial } from '../sandbox/webhook-signing';
import type { PartnerCenterAccess } from './partner-center-access';
import { parseCertificates } from '../webhooks/certificates';
import { createWebhookVerifier, type WebhookVerifier } from '../webhooks/signature';
import { createTrustPolicy } from '../webhooks/trust';

/**
 * Who may sign Partner Center webhooks. Live: Partner Center's certificate host and Microsoft's
 * roots (or PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS). Sandbox: the emulator's own test CA and address.
 */
export function webhookVerifier(
  config: AppConfig,
  access: PartnerCenterAccess,
  clock: Clock,
): WebhookVerifier {
  const { sandbox, sandboxUrl } = access;
  if (!sandboxUrl) {
    const file = config.webhooks.trustedRootsFile;
    const roots = file ? parseCertificates(readFileSync(file)) : undefined;
    return createWebhookVerifier(
      createTrustPolicy({ certificateHosts: config.webhooks.certificateHosts, roots, clock }),
      clock,
    );
  }
  // Built on first use: the emulator makes its key pair lazily and most runs never get a webhook.
  let verifier: WebhookVerifier | undefined;
  const build = () => {
    const m = sandbox ? sandbox.world.webhooks.material : sharedEmulatorMaterial(config, clock);
    const policy = createTrustPolicy({
      certificateHosts: [],
      certificateOrigins: [sandboxUrl],
      roots: [m.ca],
      issuerOrganization: m.issuerOrganization,
      subjectDomains: [m.subjectDomain],
      clock,
    });
    return createWebhookVerifier(policy, clock);
  };
  return { verify: (request) => (verifier ??= build()).verify(request) };
}

/**
 * An emulator started alone (`npm run sandbox`) keeps its webhook CA in SANDBOX_WEBHOOK_CERT_DIR;
 * instances using it (SANDBOX_URL) read the same folder. Read only: generating here would make a
 * CA the emulator does not sign with.
 */
function sharedEmulatorMaterial(config: AppConfig, clock: Clock): WebhookSigningMaterial {
  const dir = config.sandbox.webhookCertDir;
  if (!dir || !['ca.pem', 'cert.pem', 'key.pem'].every((f) => existsSync(path.join(dir, f)))) {
    throw new AppError(
      'CONFIG_INVALID',
      'Webhooks from the emulator at SANDBOX_URL cannot be verified: set SANDBOX_WEBHOOK_CERT_DIR to the ' +
        'folder `npm run sandbox` uses (default .data/sandbox-webhook).',
    );
  }
  return loadSigningMaterial({ dir, now: clock.now() });
}
