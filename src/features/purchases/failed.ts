import { escapeMarkdown } from '../../cards/escape';
import { formatDateTime } from '../../cards/format';
import { keyIn, stringsFor, t, type LocaleKey } from '../../cards/i18n';
import type { CommandHandler } from '../../core/router';
import type { Job } from '../../store/types';
import { renderFailedCard, type FailedRow } from './failed-card';
import type { NoticeJobPayload } from './notice-jobs';
import { loadNotice } from './notice-store';

/** Labels of the job types a partner may see under `failed`; others read as their words. */
const JOB_LABELS: Readonly<Partial<Record<string, LocaleKey>>> = {
  'purchase.open': 'failed.type.purchase.open',
  'purchase.hold': 'failed.type.purchase.hold',
  'purchase.track': 'failed.type.purchase.track',
  'purchase.remind': 'failed.type.purchase.remind',
  'purchase.settle': 'failed.type.purchase.settle',
  'purchase.ready': 'failed.type.purchase.ready',
  'purchase.retry-note': 'failed.type.purchase.retry-note',
  'purchase.release': 'failed.type.purchase.release',
  'acceptance.start': 'failed.type.acceptance.start',
  'acceptance.watch': 'failed.type.acceptance.watch',
  'portfolio.digest': 'failed.type.portfolio.digest',
  'relationships.reconcile': 'failed.type.relationships.reconcile',
  'partner-center-event': 'failed.type.partner-center-event',
};

const MAX_ROWS = 15;

/** A job type without a label of its own reads as words: `billing.sync-invoices` → "Billing sync invoices". */
function humanize(type: string): string {
  const words = type.replace(/[._-]+/g, ' ').trim();
  return escapeMarkdown(words.charAt(0).toUpperCase() + words.slice(1), 64);
}

/**
 * `failed`: background work that failed for good (dead-lettered after DELIVERY_MAX_ATTEMPTS, or its
 * own limit), newest first — what it was, for which customer, when, and the last error. The audit
 * log keeps the same facts (`delivery.dead-letter`).
 */
export const failed: CommandHandler = async (ctx) => {
  const { services } = ctx;
  const s = stringsFor(ctx.locale);
  const dead = await services.store.jobs.list({ status: 'dead', limit: MAX_ROWS });
  const rows = await Promise.all(dead.map((job) => row(job)));
  return {
    card: renderFailedCard(rows, {
      more: dead.length === MAX_ROWS,
      maxAttempts: services.purchases.maxAttempts,
      locale: ctx.locale,
    }),
  };

  async function row(job: Job): Promise<FailedRow> {
    const key = keyIn(JOB_LABELS, job.type);
    const label = key ? t(s, key) : humanize(job.type);
    const noticeId = (job.payload as Partial<NoticeJobPayload> | undefined)?.noticeId;
    const n = typeof noticeId === 'string' ? await loadNotice(services, noticeId) : undefined;
    const what = n
      ? t(s, 'failed.what.notice', {
          label,
          company: escapeMarkdown(n.companyName),
          offer: escapeMarkdown(n.offerName, 80),
          id: n.id.slice(0, 8),
        })
      : label;
    return {
      what,
      summary: t(s, 'failed.summary', {
        date: formatDateTime(job.updatedAt.toISOString(), ctx.locale),
        attempts: job.attempts,
        id: job.id.slice(0, 8),
      }),
      error: escapeMarkdown(job.lastError ?? t(s, 'failed.noError'), 300),
    };
  }
};
