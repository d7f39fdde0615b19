import { escapeMarkdown } from '../../cards/escape';
import { formatDate } from '../../cards/format';
import { stringsFor, t } from '../../cards/i18n';
import type { JobRunner } from '../../core/router';
import { notifyTarget } from '../relationships';
import type { NoticeJobPayload } from './notice-jobs';
import { loadNotice } from './notice-store';

/**
 * Job `purchase.retry-note`: "Contoso accepted the MCA on 3 Dec 2026: retry order PO-1234" to the
 * conversation tracking the notice (else the partner's notification channel). A new message, not
 * only the card edit, because that is what makes Teams notify someone. Once per notice.
 */
export const tellPartnerToRetry: JobRunner = async (job, services) => {
  const { noticeId } = job.payload as NoticeJobPayload;
  const n = await loadNotice(services, noticeId);
  if (!n || n.state !== 'accepted') return { done: true };
  const target = n.partner ?? (await notifyTarget(services));
  if (!target) {
    services.log.warn({ noticeId }, 'no partner conversation to tell that an order can be retried');
    return { done: true };
  }
  const s = stringsFor(target.locale);
  const text = t(s, 'purchase.notify.retry', {
    company: escapeMarkdown(n.companyName),
    date: formatDate(n.acceptedAt ?? services.clock.now().toISOString(), target.locale),
    reference: escapeMarkdown(n.orderReference, 100),
    offer: escapeMarkdown(n.offerName, 120),
  });
  await services.delivery.sendOnce(`purchase:${n.id}:retry`, target, { text });
  return { done: true };
};
