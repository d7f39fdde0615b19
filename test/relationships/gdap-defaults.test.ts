import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { Services } from '../../src/core/context';
import { isAppError } from '../../src/core/errors';
import { defaultGroups, rememberDefaultGroups } from '../../src/features/gdap-access/access-record';

const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const LICENSE = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
const GROUP_A = '5e0a1b2c-0001-4a00-8000-00000000a001';
const GROUP_B = '5e0a1b2c-0003-4a00-8000-00000000a003';

describe('GDAP_DEFAULT_ASSIGNMENTS', () => {
  it('reads role keys and role template ids, each with a security group id', () => {
    const config = loadConfig({
      GDAP_DEFAULT_ASSIGNMENTS: ` helpdesk=${GROUP_A.toUpperCase()} , ${LICENSE}=${GROUP_B}`,
    });
    expect(config.relationships.defaultGroups).toEqual({ [HELPDESK]: GROUP_A, [LICENSE]: GROUP_B });
  });

  it('names the variable and the bad pair at start-up', () => {
    let message = '';
    try {
      loadConfig({ GDAP_DEFAULT_ASSIGNMENTS: 'helpdesk=not-a-group,janitor=' + GROUP_A });
    } catch (err) {
      if (isAppError(err, 'CONFIG_INVALID')) message = err.message;
    }
    expect(message).toContain('GDAP_DEFAULT_ASSIGNMENTS');
    expect(message).toContain('"helpdesk=not-a-group" is not');
    expect(message).toContain('"janitor=');
  });

  it('offers the configured groups until the partner saves a choice on the form, which wins', async () => {
    const records = new Map<string, unknown>();
    const services = {
      relationships: { defaultGroups: { [HELPDESK]: GROUP_A, [LICENSE]: GROUP_A } },
      store: {
        records: {
          get: async (_k: string, id: string) => (records.has(id) ? { value: records.get(id) } : undefined),
          put: async (_k: string, id: string, value: unknown) => {
            records.set(id, value);
            return 'etag';
          },
        },
      },
    } as unknown as Services;
    expect(await defaultGroups(services)).toEqual({ [HELPDESK]: GROUP_A, [LICENSE]: GROUP_A });
    await rememberDefaultGroups(services, { [LICENSE]: GROUP_B });
    expect(await defaultGroups(services)).toEqual({ [HELPDESK]: GROUP_A, [LICENSE]: GROUP_B });
  });
});
