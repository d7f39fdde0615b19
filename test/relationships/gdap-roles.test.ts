import { describe, expect, it } from 'vitest';
import { stringsFor } from '../../src/cards/i18n';
import {
  GDAP_ROLES,
  GLOBAL_ADMINISTRATOR_ID,
  parseGdapForm,
  roleKeys,
  roleNames,
  type GdapFormValues,
} from '../../src/features/relationships/gdap-roles';
import { EXPIRING_WITHIN_DAYS, gdapStage } from '../../src/features/status/gdap-stage';
import { fromWire } from '../../src/graph/gdap-wire';
import { defaultDisplayName } from '../../src/features/relationships/gdap-form-card';

const s = stringsFor('en-US');
const form = (over: Partial<GdapFormValues> = {}): GdapFormValues => ({
  roles: 'helpdesk',
  durationDays: '365',
  autoExtend: 'false',
  confirmGlobalAdmin: 'false',
  displayName: 'Contoso GDAP',
  ...over,
});
const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return (err as { details: { field: string } }).details.field;
  }
  return undefined;
};

describe('GDAP role presets', () => {
  it('use the Entra role template ids from the permissions reference', () => {
    expect(Object.fromEntries(GDAP_ROLES.map((r) => [r.key, r.id]))).toEqual({
      helpdesk: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
      user: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
      license: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
      serviceSupport: 'f023fd81-a637-4b56-95fd-791ac0226033',
      globalAdmin: '62e90394-69f5-4237-9190-012177145e10',
    });
    expect(GDAP_ROLES.at(-1)!.id).toBe(GLOBAL_ADMINISTRATOR_ID);
  });

  it('turn the chosen presets into role ids, without duplicates', () => {
    const input = parseGdapForm(form({ roles: 'helpdesk,license,helpdesk' }), s);
    expect(input).toEqual({
      roleIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8', '4d6ac14f-3453-41d0-bef9-a3e0c569773a'],
      durationDays: 365,
      autoExtend: false,
      displayName: 'Contoso GDAP',
    });
  });

  it('refuse no role, a role outside the presets, and raw role ids', () => {
    expect(fieldOf(() => parseGdapForm(form({ roles: '' }), s))).toBe('roles');
    expect(fieldOf(() => parseGdapForm(form({ roles: 'helpdesk,exchangeAdmin' }), s))).toBe('roles');
    expect(fieldOf(() => parseGdapForm(form({ roles: '29232cdf-9323-42fd-ade2-1d097af3e4de' }), s))).toBe(
      'roles',
    );
  });

  it('allow Global Administrator only when confirmed and never with auto-extend', () => {
    expect(fieldOf(() => parseGdapForm(form({ roles: 'globalAdmin' }), s))).toBe('confirmGlobalAdmin');
    expect(
      fieldOf(() =>
        parseGdapForm(form({ roles: 'globalAdmin', confirmGlobalAdmin: 'true', autoExtend: 'true' }), s),
      ),
    ).toBe('autoExtend');
    expect(parseGdapForm(form({ roles: 'globalAdmin', confirmGlobalAdmin: 'true' }), s).roleIds).toEqual([
      GLOBAL_ADMINISTRATOR_ID,
    ]);
    expect(parseGdapForm(form({ roles: 'user', autoExtend: 'true' }), s).autoExtend).toBe(true);
  });

  it.each(['0', '731', '12.5', '', 'ten'])('refuse %j days', (days) => {
    expect(fieldOf(() => parseGdapForm(form({ durationDays: days }), s))).toBe('durationDays');
  });

  it('accept 1 and 730 days', () => {
    expect(parseGdapForm(form({ durationDays: '1' }), s).durationDays).toBe(1);
    expect(parseGdapForm(form({ durationDays: '730' }), s).durationDays).toBe(730);
  });

  it('want a name of 1 to 50 characters and drop control characters from it', () => {
    expect(fieldOf(() => parseGdapForm(form({ displayName: '  ' }), s))).toBe('displayName');
    expect(fieldOf(() => parseGdapForm(form({ displayName: 'x'.repeat(51) }), s))).toBe('displayName');
    expect(parseGdapForm(form({ displayName: 'A\u0007B' }), s).displayName).toBe('AB');
  });

  it('suggest a name that fits Graph’s 50 characters', () => {
    const name = defaultDisplayName(
      'A very long company name that goes on and on GmbH & Co. KG',
      new Date('2026-03-02T10:00:00Z'),
    );
    expect(name.length).toBeLessThanOrEqual(50);
    expect(name.endsWith('GDAP 2026-03-02')).toBe(true);
  });

  it('name roles for people and keys for the form', () => {
    const ids = ['fe930be7-5e62-47db-91af-98c3a49a38b1', '00000000-0000-4000-8000-000000000000'];
    expect(roleNames(ids, s)).toBe('User Administrator, other role');
    expect(roleKeys(ids)).toBe('user');
  });
});

describe('GDAP stages', () => {
  const now = new Date('2026-03-02T00:00:00Z');
  const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString();

  it('flag an active relationship ending within 30 days as expiring', () => {
    expect(gdapStage({ status: 'active', endDateTime: inDays(EXPIRING_WITHIN_DAYS + 1) }, now)).toBe(
      'active',
    );
    expect(gdapStage({ status: 'active', endDateTime: inDays(EXPIRING_WITHIN_DAYS) }, now)).toBe('expiring');
    expect(gdapStage({ status: 'active', endDateTime: inDays(-1) }, now)).toBe('expired');
  });

  it('fold Graph’s statuses into what the partner needs to know', () => {
    expect(gdapStage({ status: 'activating' }, now)).toBe('approved');
    expect(gdapStage({ status: 'terminationRequested' }, now)).toBe('terminated');
    expect(gdapStage({ status: 'expiring', endDateTime: inDays(200) }, now)).toBe('expiring');
  });

  it('show Graph’s unknownFutureValue (and any status newer than the bot) as unknown, not as ended', () => {
    expect(gdapStage({ status: 'unknownFutureValue' }, now)).toBe('unknown');
    expect(fromWire({ id: 'r1', status: 'someStatusAddedIn2027' }).status).toBe('unknownFutureValue');
    expect(fromWire({ id: 'r1', status: 'approvalPending' }).status).toBe('approvalPending');
    const s = stringsFor('de-DE');
    expect(s['gdap.status.unknown.headline']).toBe('❔ Status unbekannt');
  });
});
