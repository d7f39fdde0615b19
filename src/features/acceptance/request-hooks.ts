import type { Services } from '../../core/context';
import type { AcceptanceRequest } from './request-store';

/** Something another feature does when a request changes in a way the partner sees (sent, retried, closed). */
export type RequestHook = (services: Services, r: AcceptanceRequest) => Promise<void>;

// Keyed by name so that registering again (a second app in one process, tests) replaces, not adds.
const hooks = new Map<string, RequestHook>();

/**
 * Lets another feature follow requests without acceptance knowing it (purchase notices track the
 * request they wait on and release their orders when it is accepted). Hooks run wherever the
 * partner's view of a request is refreshed; they should only queue work, and a failure is logged,
 * never thrown back into the acceptance flow.
 *
 * @example
 * onRequestChanged('purchases', async (services, r) => { await enqueueFollowUps(services, r); });
 */
export function onRequestChanged(name: string, hook: RequestHook): void {
  hooks.set(name, hook);
}

export async function runRequestHooks(services: Services, r: AcceptanceRequest): Promise<void> {
  for (const [name, hook] of hooks) {
    try {
      await hook(services, r);
    } catch (err) {
      services.log.error({ err, hook: name, requestId: r.id }, 'a request hook failed');
    }
  }
}
