import type { AgreementStatus } from '../../src/features/status/agreement-status';
import { renderStatusCard } from '../../src/features/status/status-card';
import { relationshipMessage } from '../../src/features/relationships/customer-message';
import { renderGdapCard } from '../../src/features/relationships/gdap-card';
import { initialValues, renderGdapForm } from '../../src/features/relationships/gdap-form-card';
import type { TrackedGdap } from '../../src/features/relationships/gdap-store';
import { renderInviteCard } from '../../src/features/relationships/invite-card';
import type { Invitation } from '../../src/features/relationships/invite-store';

const NOW = new Date('2026-03-02T10:00:00Z');
const LINK =
  'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=x&msppId=0&DAP=false#/BillingAccounts/partner-invitation';
const invitation: Invitation = {
  customerTenantId: 'cf211894-15f0-4350-a376-c41580a2060e',
  companyName: '*Trey* [Research]',
  domain: 'treyresearch.onmicrosoft.com',
  invitedAt: NOW.toISOString(),
  invitedBy: 'x',
  status: 'open',
};
const tracked: TrackedGdap = {
  relationshipId: '5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836',
  customerTenantId: '434fb1a8-7442-4f06-a915-a825a1bb25b0',
  companyName: 'Contoso Ltd',
  displayName: 'Contoso GDAP 2026-03-02',
  roleIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8', '4d6ac14f-3453-41d0-bef9-a3e0c569773a'],
  durationDays: 365,
  autoExtend: false,
  status: 'approvalPending',
  approvalLink:
    'https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/5d02',
  requestedBy: 'x',
  requestedAt: NOW.toISOString(),
  checkedAt: NOW.toISOString(),
};
const unrelated: AgreementStatus = {
  state: 'unknown',
  reason: 'no-relationship',
  customer: {
    tenantId: invitation.customerTenantId,
    companyName: 'Trey',
    domain: 'trey.onmicrosoft.com',
    relationshipToPartner: 'none',
  },
  checkedAt: NOW.toISOString(),
};
const inDays = (d: number) => new Date(NOW.getTime() + d * 86_400_000).toISOString();

/** Every relationship card (issue 6) with representative data, for the shared card checks. */
export function relationshipCards(): [string, unknown][] {
  const o = { locale: 'en-US', partnerName: 'Fabrikam', now: NOW };
  const base = { link: LINK, partnerName: 'Fabrikam', dap: false };
  return [
    ['invite general', renderInviteCard({ ...base, mailto: 'mailto:?subject=Hi&body=Link' }, 'en-US')],
    ['invite for a customer', renderInviteCard({ ...base, invitation }, 'en-US')],
    [
      'invite with DAP, sent by e-mail',
      renderInviteCard(
        {
          ...base,
          dap: true,
          invitation: { ...invitation, delivery: { channel: 'email', at: NOW.toISOString() } },
        },
        'en-US',
      ),
    ],
    [
      'invite accepted',
      renderInviteCard(
        { ...base, invitation: { ...invitation, status: 'accepted', acceptedAt: NOW.toISOString() } },
        'en-US',
      ),
    ],
    [
      'invite customer card',
      relationshipMessage({
        kind: 'invite',
        customerTenantId: 'x',
        companyName: 'Trey',
        partnerName: 'Fabrikam',
        link: LINK,
        locale: 'de-DE',
        idempotencyKey: 'k',
      }).card,
    ],
    [
      'gdap customer card',
      relationshipMessage({
        kind: 'gdap',
        customerTenantId: 'x',
        companyName: 'Contoso',
        partnerName: 'Fabrikam',
        link: LINK,
        locale: 'en-US',
        idempotencyKey: 'k',
        roleIds: tracked.roleIds,
        durationDays: 365,
      }).card,
    ],
    [
      'gdap form',
      renderGdapForm(
        {
          tenantId: tracked.customerTenantId,
          companyName: 'Contoso Ltd',
          partnerName: 'Fabrikam',
          values: initialValues('Contoso Ltd', NOW),
        },
        'en-US',
      ),
    ],
    [
      'gdap form with error, renewing',
      renderGdapForm(
        {
          tenantId: tracked.customerTenantId,
          companyName: 'Contoso Ltd',
          partnerName: 'Fabrikam',
          values: initialValues('Contoso Ltd', NOW, 'globalAdmin'),
          error: 'Choose at least one role.',
          renew: true,
        },
        'en-US',
      ),
    ],
    ['gdap pending', renderGdapCard(tracked, o)],
    [
      'gdap pending, forwarded',
      renderGdapCard(
        {
          ...tracked,
          delivery: { channel: 'teams', conversationId: 'c', activityId: 'a', at: NOW.toISOString() },
        },
        o,
      ),
    ],
    ['gdap active', renderGdapCard({ ...tracked, status: 'active', endDateTime: inDays(200) }, o)],
    ['gdap expiring', renderGdapCard({ ...tracked, status: 'active', endDateTime: inDays(12) }, o)],
    ['gdap terminated', renderGdapCard({ ...tracked, status: 'terminated' }, o)],
    [
      'status: no relationship, invite',
      renderStatusCard(unrelated, { locale: 'en-US', refreshUserIds: [], gdap: { ok: true, active: [] } }),
    ],
    [
      'status with GDAP ending soon',
      renderStatusCard(
        {
          ...unrelated,
          state: 'accepted-directly',
          reason: undefined,
          customer: { ...unrelated.customer, relationshipToPartner: 'reseller' },
        },
        {
          locale: 'en-US',
          refreshUserIds: [],
          gdap: {
            ok: true,
            active: [
              {
                relationshipId: tracked.relationshipId,
                roleIds: tracked.roleIds,
                endDateTime: inDays(12),
                expiring: true,
              },
            ],
          },
        },
      ),
    ],
    [
      'status, GDAP unreadable',
      renderStatusCard(unrelated, { locale: 'en-US', refreshUserIds: [], gdap: { ok: false } }),
    ],
  ];
}
