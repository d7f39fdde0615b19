import type { Router } from '../../core/router';
import { findCustomer } from './find-customer';
import { selectCustomer } from './select-customer';
import { unfurlCustomerLink } from './unfurl-customer-link';

export { LINK_DOMAINS } from './customer-link';

/** Where partners already are: the compose-box search and Partner Center link previews. */
export function registerCompose(router: Router): void {
  router.compose.search('findCustomer', { search: findCustomer, select: selectCustomer });
  router.compose.link(unfurlCustomerLink);
}
