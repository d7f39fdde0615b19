import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_ADMIN_AGENT_ID,
  SANDBOX_ROLES,
  SANDBOX_SALES_AGENT_ID,
  startSandbox,
  type Sandbox,
} from '../../src/sandbox';
import { APP, get } from './helpers';

const roleId = (name: string) => SANDBOX_ROLES.find((r) => r.name === name)!.id;

describe('sandbox partner roles', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('lists the partner roles as a collection', async () => {
    const res = await get(sandbox, '/v1/roles');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: any) => r.name)).toEqual([
      'Admin Agent',
      'Sales Agent',
      'Helpdesk Agent',
      'Billing Admin',
      'Global Admin',
    ]);
    expect(res.body.totalCount).toBe(5);
  });

  it('lists the members of a role with their Entra object ids, for either token kind', async () => {
    const admins = await get(sandbox, `/v1/roles/${roleId('Admin Agent')}/usermembers?size=500`);
    expect(admins.body.items).toEqual([
      {
        id: SANDBOX_ADMIN_AGENT_ID,
        displayName: 'Alex Wilber',
        userPrincipalName: 'alexw@fabrikam.example',
        roleId: roleId('Admin Agent'),
        accountId: expect.any(String),
        attributes: { objectType: 'UserMember' },
      },
    ]);
    const sales = await get(sandbox, `/v1/roles/${roleId('Sales Agent')}/usermembers`, { token: APP });
    expect(sales.body.items.map((m: any) => m.id)).toEqual([SANDBOX_SALES_AGENT_ID]);
  });

  it('pages with size, links.next and MS-ContinuationToken', async () => {
    sandbox.world.setRoleMembers('billing admin', [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    const first = await get(sandbox, `/v1/roles/${roleId('Billing Admin')}/usermembers?size=2`);
    expect(first.body.items.map((m: any) => m.id)).toEqual(['a', 'b']);
    const next = first.body.links.next;
    const token = next.headers.find((h: any) => h.key === 'MS-ContinuationToken').value;
    const second = await get(sandbox, next.uri, { headers: { 'MS-ContinuationToken': token } });
    expect(second.body.items.map((m: any) => m.id)).toEqual(['c']);
    expect(second.body.links).toBeUndefined();
  });

  it('answers 404 for an unknown role and 400 for a size over 500', async () => {
    expect((await get(sandbox, '/v1/roles/nope/usermembers')).status).toBe(404);
    expect((await get(sandbox, `/v1/roles/${roleId('Admin Agent')}/usermembers?size=501`)).status).toBe(400);
    expect(() => sandbox.world.setRoleMembers('Astronaut', [])).toThrow(/no partner role/);
  });
});
