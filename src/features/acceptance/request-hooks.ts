import { appEvent } from '../../coordination/types';
import type { Services } from '../../core/context';
import type { AcceptanceRequest } from './request-store';

/**
 * A request changed in a way the partner sees (sent, retried, closed). Other features follow it
 * without acceptance knowing them: purchase notices track the request they wait on and release
 * their orders when it is accepted. Hooks should only queue work; a failure is logged, never thrown
 * back into the acceptance flow.
 *
 * @example
 * router.on(REQUEST_CHANGED, 'purchases', followRequest); // in the following feature's index.ts
 */
export const REQUEST_CHANGED = appEvent<AcceptanceRequest>('acceptance.requestChanged');

export function runRequestHooks(services: Services, r: AcceptanceRequest): Promise<void> {
  return services.hooks.emit(services, REQUEST_CHANGED, r);
}
