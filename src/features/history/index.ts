import type { Router } from '../../core/router';
import { history } from './history';
import { historyPage } from './history-page';

export function registerHistory(router: Router): void {
  router.command('history', history, { audience: 'partner' });
  router.verb('historyPage', historyPage, { audience: 'partner' });
}

export { rememberDisplayName } from './display-names';
