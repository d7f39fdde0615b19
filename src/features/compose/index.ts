import type { Router } from '../../core/router';
import { findCustomer } from './find-customer';
import { selectCustomer } from './select-customer';

/** Where partners already are: the compose-box customer search. */
export function registerCompose(router: Router): void {
  router.compose.search('findCustomer', { search: findCustomer, select: selectCustomer });
}
