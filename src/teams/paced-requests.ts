import type { TurnContext } from 'botbuilder';

/** The name of our policy in the turn's ConnectorClient pipeline. */
const PACING_POLICY = 'mcaTeamsPacing';

interface PipelineHolder {
  client?: {
    pipeline?: {
      addPolicy(
        policy: {
          name: string;
          sendRequest(request: unknown, next: (request: unknown) => Promise<unknown>): Promise<unknown>;
        },
        options?: { afterPhase?: 'Sign' },
      ): void;
    };
  };
}

/**
 * Takes the Teams permits (`gate`) inside the turn's ConnectorClient pipeline, after every other
 * policy: the request goes on the wire in the same turn of the event loop as its permit is granted.
 *
 * Why: the limiters spaced grants (1 s + 24 ms) / 30 apart, which left 16 ms for requests to reach
 * Teams unevenly (src/jobs/paced-limiter.ts). Taken before `continueConversationAsync`, a permit
 * was followed by the adapter's client set-up, the middleware and a dozen awaits, each of which can
 * wait behind other jobs' synchronous work (card rendering, SQLite) — more than 16 ms now and then,
 * and the 31st request then shares Teams' window with the 1st (bench/fanout.ts: 2 of 3,000).
 *
 * The permits stay counted until the answer comes back (`PacedLimiter.acquireSlot`): Teams counts a
 * request on arrival, which lies between our send and its answer, so a request that travels slowly
 * cannot share a window with the ones after it.
 *
 * Returns false when the pipeline is not where botbuilder 4.23 keeps it; the caller then takes the
 * permits itself, before the turn, as before.
 *
 * @example
 * if (!paceConnectorRequests(context, gate)) answered = await gate();
 */
export function paceConnectorRequests(context: TurnContext, gate: () => Promise<() => void>): boolean {
  const connector = context.turnState.get<PipelineHolder | undefined>(context.adapter.ConnectorClientKey);
  const pipeline = connector?.client?.pipeline;
  if (!pipeline) return false;
  pipeline.addPolicy(
    {
      name: PACING_POLICY,
      async sendRequest(request, next) {
        const answered = await gate();
        try {
          return await next(request);
        } finally {
          answered();
        }
      },
    },
    { afterPhase: 'Sign' },
  );
  return true;
}
