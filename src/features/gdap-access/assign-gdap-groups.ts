import type { VerbHandler } from '../../core/router';
import { AppError } from '../../core/errors';
import { requireRole } from '../access';
import { relationshipIdOf } from '../../core/ids';
import { defaultGroups } from './access-record';
import { renderAssignForm } from './assign-form';

/** `assignGdapGroups` (tracking card of an active relationship): the Assign groups form, prefilled with the saved choice. */
export const assignGdapGroups: VerbHandler = async (ctx, data) => {
  await requireRole(ctx, ['admin']);
  const { services } = ctx;
  const relationship = await services.gdap.get(relationshipIdOf(data));
  if (relationship.status !== 'active' && relationship.status !== 'expiring') {
    throw new AppError(
      'INPUT_INVALID',
      'Groups can only be assigned while the admin relationship is active.',
    );
  }
  const [groups, saved] = await Promise.all([services.gdapAccess.securityGroups(), defaultGroups(services)]);
  const values = Object.fromEntries(
    relationship.roleIds.filter((id) => saved[id]).map((id) => [id, saved[id] as string]),
  );
  return {
    card: renderAssignForm(
      relationship,
      groups,
      { values, errors: {} },
      {
        locale: ctx.locale,
        partnerName: services.partner.name,
      },
    ),
  };
};
