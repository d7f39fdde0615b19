import { badRequest, notFound, ok, type Reply } from './reply';
import type { Route, RouteContext } from './router';

/**
 * /_control for relationships, so demos and tests outside the process can play the customer:
 * approve, end or expire a GDAP relationship (each fires its signed webhook), or send any event.
 */
function gdapAction({ params, world }: RouteContext): Reply {
  const id = params.id ?? '';
  if (!world.gdap.get(id)) return notFound(`GDAP relationship ${id} was not found.`);
  const actions: Record<string, (x: string) => unknown> = {
    approve: (x) => world.gdap.approve(x),
    terminate: (x) => world.gdap.terminate(x),
    expire: (x) => world.gdap.expire(x),
  };
  const act = actions[params.action ?? ''];
  if (!act) return badRequest('The action must be approve, terminate or expire.');
  const changed = act(id);
  return changed
    ? ok(changed)
    : badRequest(`Cannot ${params.action} a relationship that is ${world.gdap.get(id)?.status}.`);
}

function sendEvent({ body, world }: RouteContext): Reply {
  const b = (body ?? {}) as { EventName?: unknown; ResourceUri?: unknown; ResourceName?: unknown };
  if (typeof b.EventName !== 'string') {
    return badRequest('Body must be {"EventName": "...", "ResourceUri": "...", "ResourceName": "..."}.');
  }
  const delivery = world.webhooks.send(
    b.EventName,
    typeof b.ResourceUri === 'string' ? b.ResourceUri : null,
    typeof b.ResourceName === 'string' ? b.ResourceName : '',
  );
  return ok({ eventName: delivery.eventName, target: delivery.target, status: delivery.status }, 202);
}

export const relationshipControlRoutes: Route[] = [
  { method: 'POST', template: '/_control/gdap/{id}/{action}', auth: 'any', handle: gdapAction },
  { method: 'POST', template: '/_control/webhooks/send', auth: 'any', handle: sendEvent },
];
