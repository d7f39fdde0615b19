import { audit } from '../../core/audit';
import { AppError } from '../../core/errors';
import type { VerbHandler } from '../../core/router';
import { escapeMarkdown } from '../../cards/escape';
import { tellPartner } from './announce';
import { renderCustomerCard } from './customer-card';
import { verifyCustomerAction } from './customer-action';
import { loadRequest } from './request-store';
import { takeCustomerAsk } from './ask-limit';

/**
 * `contactPartner` (customer): posts the customer's question to the partner's conversation, within
 * the customer's daily limit (src/features/acceptance/ask-limit.ts); a repeat or one over the limit
 * is not posted, and the card says so.
 */
export const contactPartner: VerbHandler = async (ctx, data) => {
  const { requestId, customerTenantId } = await verifyCustomerAction(ctx, data);
  const loaded = await loadRequest(ctx.services, requestId);
  if (!loaded || loaded.request.customerTenantId !== customerTenantId) {
    throw new AppError('FORGED_ACTION', 'This card belongs to another organisation. Nothing was done.');
  }
  const r = loaded.request;
  const question = typeof data.question === 'string' ? data.question.trim().slice(0, 1000) : '';
  if (question === '') return { card: renderCustomerCard(r, ctx.services, { note: 'question-empty' }) };
  // One budget per customer for everything they send the partner (5 a day, the same text once).
  const decision = await takeCustomerAsk(ctx.services, customerTenantId, question);
  if (decision === 'sent') {
    await tellPartner(ctx.services, r, 'request.notify.question', {
      question: escapeMarkdown(question, 1000),
    });
  }
  await audit(ctx, 'acceptance.question', { customerTenantId, details: { requestId, outcome: decision } });
  const note = ({ sent: 'question-sent', repeat: 'question-repeat', limit: 'question-limit' } as const)[
    decision
  ];
  return { card: renderCustomerCard(r, ctx.services, { note }) };
};
