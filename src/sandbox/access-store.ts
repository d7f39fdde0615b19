import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';

/** A security group of the partner tenant, as Graph's `group` shows it (the fields the bot reads). */
export interface SandboxGroup {
  id: string;
  displayName: string;
  description: string | null;
  securityEnabled: boolean;
  mailEnabled: boolean;
}

/** Graph's delegatedAdminAccessAssignment. */
export interface SandboxAccessAssignment {
  id: string;
  status: 'pending' | 'active' | 'deleting' | 'deleted' | 'error';
  createdDateTime: string;
  lastModifiedDateTime: string;
  accessContainer: { accessContainerId: string; accessContainerType: 'securityGroup' };
  accessDetails: { unifiedRoles: { roleDefinitionId: string }[] };
  relationshipId: string;
}

/** The partner tenant's groups: security groups for each preset role, an admin-agents group, a mail list. */
export const SANDBOX_GROUPS: readonly SandboxGroup[] = [
  ['5e0a1b2c-0001-4a00-8000-00000000a001', 'Helpdesk agents', true],
  ['5e0a1b2c-0002-4a00-8000-00000000a002', 'User administrators', true],
  ['5e0a1b2c-0003-4a00-8000-00000000a003', 'License administrators', true],
  ['5e0a1b2c-0004-4a00-8000-00000000a004', 'Service support', true],
  ['5e0a1b2c-0005-4a00-8000-00000000a005', 'AdminAgents', true],
  ['5e0a1b2c-0006-4a00-8000-00000000a006', 'All company (mail)', false],
].map(([id, displayName, security]) => ({
  id: id as string,
  displayName: displayName as string,
  description: null,
  securityEnabled: security as boolean,
  mailEnabled: !security,
}));

/** Assignments start `pending` and are `active` when read again a second or more later, as Graph does. */
export const ACTIVATION_MS = 1_000;

export class AccessAssignmentStore {
  readonly groups = new Map(SANDBOX_GROUPS.map((g) => [g.id, { ...g }]));
  private readonly items = new Map<string, SandboxAccessAssignment>();

  constructor(private readonly clock: Clock) {}

  forRelationship(relationshipId: string): SandboxAccessAssignment[] {
    return [...this.items.values()]
      .filter((a) => a.relationshipId === relationshipId.toLowerCase())
      .map((a) => this.current(a));
  }

  create(relationshipId: string, groupId: string, roleIds: string[]): SandboxAccessAssignment {
    const now = this.clock.now().toISOString();
    const a: SandboxAccessAssignment = {
      id: randomUUID(),
      status: 'pending',
      createdDateTime: now,
      lastModifiedDateTime: now,
      accessContainer: { accessContainerId: groupId.toLowerCase(), accessContainerType: 'securityGroup' },
      accessDetails: { unifiedRoles: roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
      relationshipId: relationshipId.toLowerCase(),
    };
    this.items.set(a.id, a);
    return structuredClone(a);
  }

  /** The relationship ended: its assignments go away with it. */
  removeAll(relationshipId: string): void {
    for (const a of this.items.values()) {
      if (a.relationshipId === relationshipId.toLowerCase()) a.status = 'deleted';
    }
  }

  clear(): void {
    this.items.clear();
    this.groups.clear();
    for (const g of SANDBOX_GROUPS) this.groups.set(g.id, { ...g });
  }

  private current(a: SandboxAccessAssignment): SandboxAccessAssignment {
    if (
      a.status === 'pending' &&
      this.clock.now().getTime() - Date.parse(a.createdDateTime) >= ACTIVATION_MS
    ) {
      a.status = 'active';
      a.lastModifiedDateTime = this.clock.now().toISOString();
    }
    return structuredClone(a);
  }
}
