import type { AppConfig } from '../config';
import { Router } from '../core/router';
import { registerAcceptance } from '../features/acceptance';
import { registerCompose } from '../features/compose';
import { registerCustomers } from '../features/customers';
import { registerGdapAccess } from '../features/gdap-access';
import { registerHelp } from '../features/help';
import { registerHistory } from '../features/history';
import { registerPortfolio } from '../features/portfolio';
import { registerDemoOrders, registerPurchases } from '../features/purchases';
import { registerRelationships } from '../features/relationships';
import { registerStatus } from '../features/status';

/** Every feature registers its commands and verbs here. */
export function createRouter(config?: AppConfig): Router {
  const router = new Router();
  registerStatus(router);
  registerCompose(router);
  registerAcceptance(router, { watchDays: config?.acceptance.watchDays });
  registerCustomers(router);
  registerPortfolio(router);
  registerRelationships(router);
  registerGdapAccess(router);
  registerHistory(router);
  // Demo orders go to the emulator's order endpoint; live, orders come from the partner's own systems.
  if (config?.mode === 'sandbox') registerDemoOrders(router);
  registerPurchases(router);
  registerHelp(router);
  return router;
}
