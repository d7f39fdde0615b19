import { AppError } from '../../core/errors';
import type { VerbHandler } from '../../core/router';
import { escapeMarkdown } from '../../cards/escape';
import { tellPartner } from './announce';
import { renderCustomerCard } from './customer-card';
import { verifyCustomerAction } from './customer-action';
import { loadRequest } from './request-store';

const CACHE = 'acceptance.question';
const ONE_PER_MS = 60_000;

/** `contactPartner` (customer): posts the customer's question to the partner's conversation. */
export const contactPartner: VerbHandler = async (ctx, data) => {
  const { requestId, customerTenantId } = await verifyCustomerAction(ctx, data);
  const loaded = await loadRequest(ctx.services, requestId);
  if (!loaded || loaded.request.customerTenantId !== customerTenantId) {
    throw new AppError('FORGED_ACTION', 'This card belongs to another organisation. Nothing was done.');
  }
  const r = loaded.request;
  const question = typeof data.question === 'string' ? data.question.trim().slice(0, 1000) : '';
  if (question === '') return { card: renderCustomerCard(r, ctx.services, { note: 'question-empty' }) };
  // A double click must not post the question twice.
  const recent = await ctx.services.store.cache.get<string>(CACHE, requestId);
  if (recent !== question) {
    await ctx.services.store.cache.put(
      CACHE,
      requestId,
      question,
      new Date(ctx.services.clock.now().getTime() + ONE_PER_MS),
    );
    await tellPartner(ctx.services, r, 'request.notify.question', {
      question: escapeMarkdown(question, 1000),
    });
    await ctx.services.store.audit.append({
      at: ctx.services.clock.now().toISOString(),
      actorAadObjectId: ctx.caller.aadObjectId,
      actorTenantId: ctx.caller.tenantId,
      action: 'acceptance.question',
      customerTenantId,
      details: { requestId },
    });
  }
  return { card: renderCustomerCard(r, ctx.services, { note: 'question-sent' }) };
};
