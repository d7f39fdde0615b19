import { AppError } from '../../core/errors';
import type { VerbHandler } from '../../core/router';
import { relationshipIdOf } from '../../core/ids';
import { renderAccessCard } from './access-card';
import { followAccess } from './follow-access';

/** `refreshGdapAccess` (access card): reads the assignments from Graph now. */
export const refreshGdapAccess: VerbHandler = async (ctx, data) => {
  const record = await followAccess(ctx.services, relationshipIdOf(data));
  if (!record) throw new AppError('INPUT_INVALID', 'MCA Assist did not assign groups for this relationship.');
  return { card: renderAccessCard(record, ctx.locale) };
};
