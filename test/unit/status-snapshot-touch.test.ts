import { describe, expect, it } from 'vitest';
import type { Services } from '../../src/core/context';
import type { AgreementStatus } from '../../src/features/status/agreement-status';
import {
  rememberStatus,
  SNAPSHOT_TOUCH_MS,
  type StatusSnapshot,
} from '../../src/features/status/status-cache';

const TENANT = '8fdcceb0-8c63-411f-a6f0-27304fb58973';
const PROFILE_READ = '2026-11-25T08:00:00.000Z';
const status = (checkedAt: string, state: AgreementStatus['state'] = 'not-accepted'): AgreementStatus => ({
  state,
  customer: {
    tenantId: TENANT,
    companyName: 'Contoso',
    domain: 'contoso.onmicrosoft.com',
    country: 'DE',
    culture: 'de-DE',
    relationshipToPartner: 'reseller',
  },
  checkedAt,
});
const at = (minutes: number) =>
  new Date(Date.parse('2026-11-25T10:00:00.000Z') + minutes * 60_000).toISOString();

/** The snapshot kept, as the store hands it back (JSON: no undefined keys). */
function kept(checkedAt: string, state: AgreementStatus['state'] = 'not-accepted'): StatusSnapshot {
  const { customer } = status(checkedAt, state);
  return JSON.parse(
    JSON.stringify({ ...customer, state, checkedAt, profileReadAt: PROFILE_READ }),
  ) as StatusSnapshot;
}

function recordingServices() {
  const puts: { namespace: string; value: StatusSnapshot }[] = [];
  const services = {
    store: {
      cache: {
        put: async (namespace: string, _key: string, value: StatusSnapshot) => {
          puts.push({ namespace, value });
        },
      },
    },
  } as unknown as Services;
  return { services, puts };
}

describe('the status snapshot is written when it changes, or its time by 10 minutes', () => {
  it('skips a read that changes nothing but the time, within SNAPSHOT_TOUCH_MS', async () => {
    const { services, puts } = recordingServices();
    const known = kept(at(0));

    const result = await rememberStatus(services, status(at(5)), PROFILE_READ, known);

    expect(SNAPSHOT_TOUCH_MS).toBe(10 * 60_000);
    expect(puts).toHaveLength(0);
    expect(result).toBe(known);
  });

  it('writes once the kept time is 10 minutes old, when anything changed, or without a kept one', async () => {
    const { services, puts } = recordingServices();

    await rememberStatus(services, status(at(10)), PROFILE_READ, kept(at(0)));
    await rememberStatus(services, status(at(1), 'accepted-directly'), PROFILE_READ, kept(at(0)));
    await rememberStatus(services, status(at(1)), '2026-11-25T10:01:00.000Z', kept(at(0)));
    await rememberStatus(services, status(at(0)), PROFILE_READ, kept(at(3)));
    await rememberStatus(services, status(at(1)), PROFILE_READ);

    expect(puts.map((p) => [p.namespace, p.value.state, p.value.checkedAt])).toEqual([
      ['status.snapshot', 'not-accepted', at(10)],
      ['status.snapshot', 'accepted-directly', at(1)],
      ['status.snapshot', 'not-accepted', at(1)],
      ['status.snapshot', 'not-accepted', at(0)],
      ['status.snapshot', 'not-accepted', at(1)],
    ]);
  });
});
