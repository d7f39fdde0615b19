import { readFileSync } from 'node:fs';
import type { AppConfig } from '../config';
import type { Clock } from '../core/clock';
import type { Sandbox } from '../sandbox';
import { parseCertificates } from '../webhooks/certificates';
import { createWebhookVerifier, type WebhookVerifier } from '../webhooks/signature';
import { createTrustPolicy } from '../webhooks/trust';

/**
 * Who may sign Partner Center webhooks. Live: Partner Center's certificate host and Microsoft's
 * roots (or PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS). Sandbox: the emulator's own test CA and address.
 */
export function webhookVerifier(
  config: AppConfig,
  sandbox: Sandbox | undefined,
  clock: Clock,
): WebhookVerifier {
  if (!sandbox) {
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
    const m = sandbox.world.webhooks.material;
    const policy = createTrustPolicy({
      certificateHosts: [],
      certificateOrigins: [sandbox.url],
      roots: [m.ca],
      issuerOrganization: m.issuerOrganization,
      subjectDomains: [m.subjectDomain],
      clock,
    });
    return createWebhookVerifier(policy, clock);
  };
  return { verify: (request) => (verifier ??= build()).verify(request) };
}
