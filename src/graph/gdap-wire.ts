import { AppError, isAppError } from '../core/errors';
import type { GdapRelationship } from './gdap';

/** A relationship's status as Graph names it (the `status` property). */
export type GdapStatus =
  | 'created'
  | 'approvalPending'
  | 'approved'
  | 'activating'
  | 'active'
  | 'expiring'
  | 'expired'
  | 'terminationRequested'
  | 'terminating'
  | 'terminated'
  // Graph's evolvable-enum sentinel: a status newer than this client ("unknownFutureValue" in
  // https://learn.microsoft.com/graph/api/resources/delegatedadminrelationship — status property).
  | 'unknownFutureValue';

export const GDAP_STATUSES: readonly GdapStatus[] = [
  'created',
  'approvalPending',
  'approved',
  'activating',
  'active',
  'expiring',
  'expired',
  'terminationRequested',
  'terminating',
  'terminated',
  'unknownFutureValue',
];

/** Graph's delegatedAdminRelationship as it arrives, read defensively (reference §3). */
export interface WireRelationship {
  id?: unknown;
  displayName?: unknown;
  status?: unknown;
  duration?: unknown;
  autoExtendDuration?: unknown;
  createdDateTime?: unknown;
  activatedDateTime?: unknown;
  endDateTime?: unknown;
  customer?: { tenantId?: unknown; displayName?: unknown };
  accessDetails?: { unifiedRoles?: { roleDefinitionId?: unknown }[] };
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function fromWire(w: WireRelationship): GdapRelationship {
  const id = str(w.id);
  const status = str(w.status);
  if (!id || !status) {
    throw new AppError('GRAPH_UNAVAILABLE', 'Microsoft Graph answered a GDAP call in an unexpected shape.');
  }
  const days = /^P(\d+)D$/.exec(str(w.duration) ?? '')?.[1];
  return {
    id,
    displayName: str(w.displayName) ?? '',
    // A status this client does not know yet is shown as unknown, not treated as an error.
    status: (GDAP_STATUSES as readonly string[]).includes(status)
      ? (status as GdapStatus)
      : 'unknownFutureValue',
    customerTenantId: (str(w.customer?.tenantId) ?? '').toLowerCase(),
    customerName: str(w.customer?.displayName) ?? '',
    roleIds: (w.accessDetails?.unifiedRoles ?? [])
      .map((r) => str(r.roleDefinitionId)?.toLowerCase() ?? '')
      .filter(Boolean),
    durationDays: days === undefined ? undefined : Number(days),
    autoExtend: str(w.autoExtendDuration) === 'P180D',
    createdDateTime: str(w.createdDateTime),
    activatedDateTime: str(w.activatedDateTime),
    endDateTime: str(w.endDateTime),
  };
}

/** Graph's answers to a create, in words for the form. Codes and messages are UNCONFIRMED; status 409 is the conflict. */
export function explainCreateError(err: unknown): unknown {
  if (!isAppError(err, 'GRAPH_BAD_REQUEST')) return err;
  // Graph's code only ever reaches a card as letters and digits.
  const code = String(err.details.graphCode ?? '')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 60);
  if (err.details.status === 409 || /duplicate|exist|conflict/i.test(code)) {
    return new AppError(
      'INPUT_INVALID',
      'Another admin relationship already has this name. Choose a different name.',
      {
        cause: err,
        details: { field: 'displayName', graphCode: code },
      },
    );
  }
  if (/autoextend/i.test(code)) {
    return new AppError(
      'INPUT_INVALID',
      'Microsoft does not allow auto-extend with these roles (Global Administrator). Turn auto-extend off.',
      {
        cause: err,
        details: { field: 'autoExtend', graphCode: code },
      },
    );
  }
  return new AppError(
    'INPUT_INVALID',
    `Microsoft Graph refused the request (${code || `HTTP ${String(err.details.status)}`}). Check the roles and the duration.`,
    {
      cause: err,
      details: { graphCode: code },
    },
  );
}
