import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakePc, type FakePc } from './fake-pc';
import { USER_TOKEN, rejectionOf, testClient } from './helpers';

const ROLE = 'f2d4e5f6-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const MEMBERS = `/v1/roles/${ROLE}/usermembers`;
const member = (n: number) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  displayName: `User ${n}`,
  userPrincipalName: `user${n}@fabrikam.example`,
  roleId: ROLE,
  accountId: 'x',
});

let pc: FakePc;
beforeEach(async () => {
  pc = await startFakePc();
});
afterEach(async () => {
  await pc.close();
});

describe('partner roles', () => {
  it('lists the roles with id and name only', async () => {
    pc.on('GET', '/v1/roles', {
      body: {
        totalCount: 2,
        items: [
          { id: ROLE, name: 'Admin Agent', attributes: { objectType: 'Role' } },
          { id: 'r2', name: 'Sales Agent' },
          { name: 'no id' },
        ],
      },
    });
    const { client } = testClient(pc);

    expect(await client.listPartnerRoles()).toEqual([
      { id: ROLE, name: 'Admin Agent' },
      { id: 'r2', name: 'Sales Agent' },
    ]);
    expect(pc.requests[0]?.headers.authorization).toBe(`Bearer ${USER_TOKEN}`);
  });

  it('follows seek paging with the continuation token until the last page', async () => {
    pc.on(
      'GET',
      MEMBERS,
      {
        body: {
          totalCount: 2,
          items: [member(1), member(2)],
          links: {
            next: {
              uri: `/roles/${ROLE}/usermembers?size=500&seekOperation=Next`,
              method: 'GET',
              headers: [{ key: 'MS-ContinuationToken', value: 'page-2' }],
            },
          },
        },
      },
      { body: { totalCount: 1, items: [member(3)] } },
    );
    const { client } = testClient(pc);

    const members = await client.listRoleMembers(ROLE);

    expect(members).toEqual(
      [1, 2, 3].map((n) => ({
        id: member(n).id,
        displayName: `User ${n}`,
        userPrincipalName: `user${n}@fabrikam.example`,
      })),
    );
    expect(pc.requests.map((r) => r.url)).toEqual([
      `${MEMBERS}?size=500`,
      `${MEMBERS}?size=500&seekOperation=Next`,
    ]);
    expect(pc.requests[1]?.headers['ms-continuationtoken']).toBe('page-2');
  });

  it('stops when a page repeats instead of looping forever', async () => {
    const looping = {
      totalCount: 1,
      items: [member(1)],
      continuationToken: 'same',
    };
    pc.on('GET', MEMBERS, { body: looping });
    const { client } = testClient(pc);

    expect((await rejectionOf(client.listRoleMembers(ROLE))).code).toBe('INTERNAL');
  });

  it('refuses an empty role id', async () => {
    const { client } = testClient(pc);
    expect((await rejectionOf(client.listRoleMembers(' '))).code).toBe('INPUT_INVALID');
  });
});
