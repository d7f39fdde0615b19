import type { VerbHandler } from '../../core/router';
import { customerById } from '../status';
import { tenantIdOf } from './find-customer';
import { inviteReply } from './invitation';

/** `requestRelationship` (status card of a customer without a reseller relationship): the invitation card. */
export const requestRelationship: VerbHandler = async (ctx, data) =>
  inviteReply(ctx, await customerById(ctx.services, tenantIdOf(data)));
