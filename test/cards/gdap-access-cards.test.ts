import { describe, expect, it } from 'vitest';
import { availableLanguages, type LocaleKey } from '../../src/cards/i18n';
import type { GdapRelationship } from '../../src/graph/gdap';
import { accessRows, renderAccessCard } from '../../src/features/gdap-access/access-card';
import type { AccessRecord } from '../../src/features/gdap-access/access-record';
import { renderAssignForm } from '../../src/features/gdap-access/assign-form';
import { cardText } from '../support/card-text';
import { cardProblems } from '../support/validate-card';

const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const LICENSE = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
const relationship = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001-e5f6a7b8-0000-4000-8000-000000000002',
  customerTenantId: 't',
  customerName: 'Contoso *Ltd*',
  roleIds: [HELPDESK, LICENSE],
  status: 'active',
} as GdapRelationship;
const record = (status: 'pending' | 'active' | 'deleted' | 'error'): AccessRecord => ({
  relationshipId: relationship.id,
  customerTenantId: 't',
  companyName: 'Contoso *Ltd*',
  endDateTime: '2027-12-04T00:00:00Z',
  assignments: [
    { assignmentId: 'x', groupId: 'g', groupName: 'Helpdesk _agents_', roleIds: [HELPDESK], status },
  ],
  checkedAt: '2026-12-04T00:00:00Z',
});

describe.each(availableLanguages())('GDAP access cards in %s', (lang) => {
  it('render the Assign groups form valid, with and without problems', () => {
    const groups = [{ id: 'g', displayName: 'Helpdesk agents' }];
    for (const errors of <Record<string, LocaleKey>[]>[
      {},
      {
        '': 'access.error.roleNotInRelationship',
        [HELPDESK]: 'access.error.groupGone',
        [LICENSE]: 'access.error.duplicate',
      },
      { '': 'access.form.none' },
      { '': 'access.error.notActive' },
    ]) {
      const card = renderAssignForm(
        relationship,
        groups,
        { values: { [HELPDESK]: 'g' }, errors, params: { role: 'X' } },
        {
          locale: lang,
          partnerName: 'Fabrikam',
        },
      );
      expect(cardProblems(card)).toEqual([]);
    }
  });

  it('render the access card valid in every state and escape group names', () => {
    for (const status of ['pending', 'active', 'deleted', 'error'] as const) {
      const card = renderAccessCard(record(status), lang);
      expect(cardProblems(card)).toEqual([]);
      expect(cardText(card)).toContain('Helpdesk \\_agents\\_');
    }
    expect(accessRows([record('active')], new Set([relationship.id]), lang)).toHaveLength(1);
    expect(accessRows([record('active')], new Set(), lang)).toEqual([]);
  });
});
