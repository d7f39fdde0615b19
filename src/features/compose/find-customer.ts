import { stringsFor, t } from '../../cards/i18n';
import type { SearchHandler, SearchItem } from '../../core/compose-router';
import type { FeatureContext } from '../../core/context';
import type { CustomerSummary } from '../../partner-center/types';
import { readCustomerDirectory, STATE_LABEL } from '../status';
import { MAX_QUERY_LENGTH } from '../status';
import { knownStatus } from '../status';
import { STATE_PALETTE } from '../status';
import { matchCustomers } from './match-customers';

/** Teams shows at most this many rows; more means "type more of the name". */
export const MAX_RESULTS = 25;
/** Teams gives a search 5 s; a first load of the customer list that takes longer goes on in the background. */
export const DIRECTORY_BUDGET_MS = 4_000;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** The cached directory within the budget, or undefined while Partner Center is still listing. */
async function directoryWithin(
  ctx: FeatureContext,
  ms: number,
): Promise<readonly CustomerSummary[] | undefined> {
  const load = readCustomerDirectory(ctx.services);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  // A load that fails after the budget is only logged: the next search tries again.
  load.catch((err: unknown) => ctx.log.warn({ err }, 'customer list could not be loaded'));
  try {
    return await Promise.race([load, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function item(ctx: FeatureContext, c: CustomerSummary): Promise<SearchItem> {
  const s = stringsFor(ctx.locale);
  const known = await knownStatus(ctx.services, c.id);
  const state = known
    ? `${STATE_PALETTE[known.state].marker} ${t(s, STATE_LABEL[known.state])}`
    : `${STATE_PALETTE.unknown.marker} ${t(s, 'compose.notChecked')}`;
  return {
    title: c.companyProfile.companyName,
    subtitle: c.companyProfile.domain,
    text: state,
    data: { commandId: 'findCustomer', tenantId: c.id.toLowerCase() },
  };
}

/**
 * `findCustomer` (search-based message extension, parameter `query`): up to 25 customers by company
 * name, domain or tenant id from the cached customer list, each with its last known status in words
 * and a colour — no Partner Center read per row, so it answers within Teams' 5 seconds. Users
 * outside the partner tenant get one line and no customer.
 */
export const findCustomer: SearchHandler = async (ctx, query, paging) => {
  const s = stringsFor(ctx.locale);
  if (!ctx.caller.isPartner) {
    return { message: t(s, 'compose.notPartner', { partner: ctx.services.partner.name }) };
  }
  if (CONTROL.test(query)) return { message: t(s, 'compose.control') };
  if (query.trim().length > MAX_QUERY_LENGTH) {
    return { message: t(s, 'compose.tooLong', { max: MAX_QUERY_LENGTH }) };
  }
  const all = await directoryWithin(ctx, DIRECTORY_BUDGET_MS);
  if (!all) return { message: t(s, 'compose.loading') };
  const matches = matchCustomers(all, query);
  if (matches.length === 0) return { message: t(s, 'compose.noMatch') };
  const skip = Math.max(0, Math.min(paging.skip, matches.length));
  const count = Math.max(1, Math.min(paging.count, MAX_RESULTS));
  return { items: await Promise.all(matches.slice(skip, skip + count).map((c) => item(ctx, c))) };
};
