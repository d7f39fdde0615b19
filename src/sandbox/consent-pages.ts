import type { IncomingMessage, ServerResponse } from 'node:http';
import { SANDBOX_PARTNER_NAME } from './constants';
import { ENTRA_ROLE_NAMES, type SandboxGdapRelationship } from './gdap';
import { page } from './page';
import { escapeHtml, type Reply } from './reply';
import type { SandboxWorld } from './world';
import { readText, waitLatency, writeReply } from './write';

/**
 * The sandbox's stand-ins for the Microsoft 365 admin center pages where a customer's Global admin
 * accepts a reseller invitation or approves a GDAP request. No sign-in: the visitor picks which
 * customer they are. Accepting fires the signed webhook Partner Center would send.
 */
export const INVITATION_PATH = '/sandbox/admin/partner-invitation';
export const GDAP_APPROVAL_PATH = '/sandbox/admin/gdap/';
const GDAP_PAGE = /^\/sandbox\/admin\/gdap\/([0-9a-f-]{36,73})(\/approve)?\/?$/i;

export function isConsentPath(pathname: string): boolean {
  return pathname === INVITATION_PATH || pathname === `${INVITATION_PATH}/accept` || GDAP_PAGE.test(pathname);
}

const NOTE =
  '<p class="note">MCA Assist sandbox — a stand-in for the Microsoft 365 admin center. Nothing here is real.</p>';

function invitationPage(world: SandboxWorld, url: URL): Reply {
  const candidates = world.listCustomers().filter((c) => c.relationshipToPartner !== 'reseller');
  const wanted = url.searchParams.get('tenantId')?.toLowerCase();
  const options = candidates
    .map(
      (c) =>
        `<option value="${escapeHtml(c.id)}"${c.id === wanted ? ' selected' : ''}>${escapeHtml(c.companyProfile.companyName)} (${escapeHtml(c.companyProfile.domain)})</option>`,
    )
    .join('');
  const dap = url.searchParams.get('DAP')?.toLowerCase() === 'true';
  const body =
    `<h1>${escapeHtml(SANDBOX_PARTNER_NAME)} wants to be your Microsoft reseller</h1>` +
    `<p>Only a Global admin of your organisation can accept. Accepting lets ${escapeHtml(SANDBOX_PARTNER_NAME)} buy Microsoft products for you, and you accept the Microsoft Customer Agreement.</p>` +
    (dap
      ? '<p><strong>This invitation also asks for delegated admin rights (legacy DAP).</strong></p>'
      : '<p>No admin rights are requested by this invitation.</p>') +
    (candidates.length === 0
      ? '<p>Every sandbox customer already has a reseller relationship.</p>'
      : `<form method="post" action="${INVITATION_PATH}/accept"><p><label>Sign in as the Global admin of <select name="tenantId">${options}</select></label></p>` +
        '<p><label><input type="checkbox" name="acceptMca" value="yes" checked> I accept the Microsoft Customer Agreement</label></p>' +
        '<button type="submit">Accept and authorize</button></form>') +
    NOTE;
  return page(200, { title: 'Partner invitation', body });
}

function acceptInvitation(world: SandboxWorld, form: URLSearchParams): Reply {
  const customer = world.getCustomer(form.get('tenantId') ?? '');
  if (!customer) return page(404, { title: 'Unknown customer', body: `<h1>Unknown customer</h1>${NOTE}` });
  world.acceptResellerInvitation(customer.id, form.get('acceptMca') === 'yes');
  const body = `<h1>Done</h1><p>${escapeHtml(customer.companyProfile.companyName)} now has ${escapeHtml(SANDBOX_PARTNER_NAME)} as its reseller. The partner has been notified.</p>${NOTE}`;
  return page(200, { title: 'Partner invitation accepted', body });
}

function roleList(r: SandboxGdapRelationship): string {
  return r.accessDetails.unifiedRoles
    .map((role) => `<li>${escapeHtml(ENTRA_ROLE_NAMES[role.roleDefinitionId] ?? role.roleDefinitionId)}</li>`)
    .join('');
}

function gdapPage(world: SandboxWorld, id: string, approving: boolean): Reply {
  const r = world.gdap.get(id);
  if (!r)
    return page(404, {
      title: 'Unknown request',
      body: `<h1>This admin relationship request is not known</h1>${NOTE}`,
    });
  if (approving && r.status === 'approvalPending') world.gdap.approve(r.id);
  const now = world.gdap.get(id) ?? r;
  const facts =
    `<dl><dt>Customer</dt><dd>${escapeHtml(now.customer.displayName || now.customer.tenantId)}</dd>` +
    `<dt>Duration</dt><dd>${escapeHtml(now.duration)}</dd><dt>Auto-extend</dt><dd>${now.autoExtendDuration === 'P180D' ? 'every 180 days' : 'no'}</dd>` +
    `<dt>Status</dt><dd>${escapeHtml(now.status)}</dd></dl><p>Roles requested:</p><ul>${roleList(now)}</ul>`;
  const form =
    now.status === 'approvalPending'
      ? `<form method="post" action="${GDAP_APPROVAL_PATH}${escapeHtml(now.id)}/approve"><button type="submit">Approve</button></form>`
      : `<p><strong>${now.status === 'active' ? 'Approved — the partner has been notified.' : `This request is ${escapeHtml(now.status)}.`}</strong></p>`;
  const body = `<h1>${escapeHtml(SANDBOX_PARTNER_NAME)} requests admin access</h1>${facts}${form}${NOTE}`;
  return page(200, { title: 'Admin relationship request', body });
}

export async function handleConsentPage(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { world: SandboxWorld; signal: AbortSignal },
): Promise<void> {
  const { world } = deps;
  const gdap = GDAP_PAGE.exec(url.pathname);
  const post = req.method === 'POST';
  let reply: Reply;
  if (gdap?.[1] && post === !!gdap[2]) reply = gdapPage(world, gdap[1], post);
  else if (url.pathname === INVITATION_PATH && !post) reply = invitationPage(world, url);
  else if (url.pathname === `${INVITATION_PATH}/accept` && post) {
    reply = acceptInvitation(world, new URLSearchParams(await readText(req).catch(() => '')));
  } else reply = page(405, { title: 'Method not allowed', body: '<p>Method not allowed.</p>' });
  if (await waitLatency(world.latencyMs, deps.signal)) writeReply(res, reply);
}
