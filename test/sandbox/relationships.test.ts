import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_GRAPH_TOKEN,
  SANDBOX_PARTNER_TENANT_ID,
  startSandbox,
  type Sandbox,
} from '../../src/sandbox';
import { createWebhookVerifier } from '../../src/webhooks/signature';
import { createTrustPolicy } from '../../src/webhooks/trust';
import { get } from './helpers';

const NO_RELATIONSHIP = 'cf211894-15f0-4350-a376-c41580a2060e';
const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

/** Receives the sandbox's webhook deliveries with their raw bytes and headers. */
function receiver() {
  const received: { headers: http.IncomingHttpHeaders; body: Buffer }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200).end();
    });
  });
  return { server, received };
}

async function graph(sandbox: Sandbox, method: string, p: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/graph/v1.0/tenantRelationships/delegatedAdminRelationships${p}`, {
    method,
    headers: { Authorization: `Bearer ${SANDBOX_GRAPH_TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const gdapBody = (displayName: string, roles = [HELPDESK], autoExtendDuration = 'PT0S') => ({
  displayName,
  duration: 'P365D',
  customer: { tenantId: '434fb1a8-7442-4f06-a915-a825a1bb25b0' },
  accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
  autoExtendDuration,
});

describe('sandbox relationships, GDAP and signed webhooks', () => {
  let sandbox: Sandbox;
  const target = receiver();
  beforeAll(async () => {
    sandbox = await startSandbox({ control: true });
    await new Promise<void>((r) => target.server.listen(0, '127.0.0.1', r));
    const { port } = target.server.address() as AddressInfo;
    sandbox.world.webhooks.defaultTarget = `http://127.0.0.1:${port}/hook`;
  });
  afterAll(async () => {
    await sandbox.close();
    await new Promise((r) => target.server.close(r));
  });

  it('hands out the reseller invitation with legacy DAP off, pointing at its admin-center page', async () => {
    const res = await get(sandbox, '/v1/customers/relationshiprequests');
    expect(res.status).toBe(200);
    const url = new URL(res.body.url);
    expect(url.origin).toBe(sandbox.url);
    expect(url.searchParams.get('partnerId')).toBe(SANDBOX_PARTNER_TENANT_ID);
    expect(url.searchParams.get('DAP')).toBe('false');
    expect(url.hash).toBe('#/BillingAccounts/partner-invitation');
  });

  it('still serves customers by id next to the relationshiprequests path', async () => {
    const res = await get(sandbox, '/v1/customers/434fb1a8-7442-4f06-a915-a825a1bb25b0');
    expect(res.body.companyProfile.companyName).toBe('Contoso Ltd');
  });

  it('lets the customer accept on its page and fires a webhook the bot’s verifier accepts', async () => {
    const invitation = await get(sandbox, '/v1/customers/relationshiprequests');
    const page = await (await fetch(invitation.body.url)).text();
    expect(page).toContain('Only a Global admin');
    expect(page).toContain(NO_RELATIONSHIP);
    const res = await fetch(`${sandbox.url}/sandbox/admin/partner-invitation/accept`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `tenantId=${NO_RELATIONSHIP}&acceptMca=yes`,
    });
    expect(await res.text()).toContain('The partner has been notified');
    expect(sandbox.world.getCustomer(NO_RELATIONSHIP)?.relationshipToPartner).toBe('reseller');
    await sandbox.world.webhooks.idle();

    const delivery = target.received.at(-1)!;
    const event = JSON.parse(delivery.body.toString());
    expect(event.EventName).toBe('reseller-relationship-accepted-by-customer');
    expect(event.ResourceUri).toContain(`/v1/customers/${NO_RELATIONSHIP}`);
    const material = sandbox.world.webhooks.material;
    const clock = { now: () => new Date() };
    const policy = createTrustPolicy({
      certificateHosts: [],
      certificateOrigins: [sandbox.url],
      roots: [material.ca],
      issuerOrganization: material.issuerOrganization,
      subjectDomains: [material.subjectDomain],
      clock,
    });
    const verdict = await createWebhookVerifier(policy, clock).verify({
      headers: delivery.headers,
      rawBody: delivery.body,
    });
    expect(verdict).toEqual({ ok: true });
  });

  it('issues a signing certificate that a standard X.509 tool accepts', () => {
    const material = sandbox.world.webhooks.material;
    expect(material.certificate.checkIssued(material.ca)).toBe(true);
    expect(material.certificate.verify(material.ca.publicKey)).toBe(true);
    let hasOpenssl = true;
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
    } catch {
      hasOpenssl = false;
    }
    if (!hasOpenssl) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'mca-sbx-'));
    try {
      writeFileSync(path.join(dir, 'ca.pem'), material.caPem);
      writeFileSync(path.join(dir, 'leaf.pem'), material.certificate.toString());
      const out = execFileSync('openssl', [
        'verify',
        '-CAfile',
        path.join(dir, 'ca.pem'),
        path.join(dir, 'leaf.pem'),
      ]);
      expect(out.toString()).toContain(': OK');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('creates, locks and lists a GDAP relationship', async () => {
    const created = await graph(sandbox, 'POST', '', gdapBody('Contoso helpdesk'));
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('created');
    const locked = await graph(sandbox, 'POST', `/${created.body.id}/requests`, {
      action: 'lockForApproval',
    });
    expect(locked.status).toBe(201);
    const listed = await graph(
      sandbox,
      'GET',
      `?$filter=${encodeURIComponent("customer/tenantId eq '434fb1a8-7442-4f06-a915-a825a1bb25b0'")}`,
    );
    expect(listed.body.value.map((r: any) => r.status)).toContain('approvalPending');
  });

  it('refuses a duplicate display name, auto-extend with Global Administrator and more than 730 days', async () => {
    await graph(sandbox, 'POST', '', gdapBody('Duplicate name'));
    const dup = await graph(sandbox, 'POST', '', gdapBody('Duplicate name'));
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('display name');
    const ga = await graph(sandbox, 'POST', '', gdapBody('With GA', [GLOBAL_ADMIN], 'P180D'));
    expect(ga.status).toBe(400);
    expect(ga.body.error.message).toContain('Global Administrator');
    const long = await graph(sandbox, 'POST', '', { ...gdapBody('Too long'), duration: 'P731D' });
    expect(long.status).toBe(400);
  });

  it('approves on the customer page, becomes active and fires approved and activated webhooks', async () => {
    const created = await graph(sandbox, 'POST', '', gdapBody('To approve'));
    await graph(sandbox, 'POST', `/${created.body.id}/requests`, { action: 'lockForApproval' });
    const before = target.received.length;
    const page = await fetch(`${sandbox.url}/sandbox/admin/gdap/${created.body.id}`);
    expect(await page.text()).toContain('Helpdesk Administrator');
    await fetch(`${sandbox.url}/sandbox/admin/gdap/${created.body.id}/approve`, { method: 'POST' });
    await sandbox.world.webhooks.idle();
    const events = target.received.slice(before).map((d) => JSON.parse(d.body.toString()));
    expect(events.map((e) => e.EventName)).toEqual([
      'granular-admin-relationship-approved',
      'granular-admin-relationship-activated',
    ]);
    expect(events[1].ResourceUri).toBe(
      `https://partner.microsoft.com/granularAdminRelationships/${created.body.id}`,
    );
    const read = await graph(sandbox, 'GET', `/${created.body.id}`);
    expect(read.body.status).toBe('active');
    expect(Date.parse(read.body.endDateTime) - Date.parse(read.body.activatedDateTime)).toBe(
      365 * 86_400_000,
    );
  });

  it('registers a webhook, then sends only the registered events to the registered URL', async () => {
    const body = { WebhookUrl: sandbox.world.webhooks.defaultTarget, WebhookEvents: ['test-created'] };
    const created = await fetch(`${sandbox.url}/webhooks/v1/registration`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sandbox-app-token', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(created.status).toBe(201);
    const again = await fetch(`${sandbox.url}/webhooks/v1/registration`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sandbox-app-token', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(again.status).toBe(409);
    const skipped = sandbox.world.webhooks.send('invoice-ready', null, 'Invoice');
    expect(skipped.status).toBe('not-registered');
    sandbox.world.webhooks.registration = undefined;
  });

  it('lets a demo play the customer through /_control: expire a relationship, fire any event', async () => {
    const created = await graph(sandbox, 'POST', '', gdapBody('Via control'));
    await graph(sandbox, 'POST', `/${created.body.id}/requests`, { action: 'lockForApproval' });
    const control = (path: string, body?: unknown) =>
      fetch(`${sandbox.url}/_control${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
    expect((await control(`/gdap/${created.body.id}/expire`)).status).toBe(400);
    expect((await control(`/gdap/${created.body.id}/approve`)).status).toBe(200);
    await sandbox.world.webhooks.idle();
    const before = target.received.length;
    expect((await control(`/gdap/${created.body.id}/expire`)).status).toBe(200);
    expect(
      (await control('/webhooks/send', { EventName: 'test-created', ResourceName: 'Test' })).status,
    ).toBe(202);
    await sandbox.world.webhooks.idle();
    const names = target.received.slice(before).map((d) => JSON.parse(d.body.toString()).EventName);
    expect(names).toEqual(['granular-admin-relationship-expired', 'test-created']);
  });
});
