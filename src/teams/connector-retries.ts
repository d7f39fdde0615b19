import type { TurnContext } from 'botbuilder';

/** The name @azure/core-rest-pipeline gives its retry policy (stable across its versions). */
const PIPELINE_RETRY_POLICY = 'defaultRetryPolicy';

interface PipelineHolder {
  client?: { pipeline?: { removePolicy(policy: { name: string }): unknown } };
}

/**
 * botframework-connector's HTTP pipeline retries a 429 after its Retry-After, and 5xx, by itself —
 * past our pacing, so a throttled send comes back a second later at an unpaced moment and is
 * throttled again (the bench showed it). Proactive sends take those retries out of the turn's
 * ConnectorClient, so every attempt goes through TEAMS_POLICY and the limiters instead.
 *
 * The pipeline sits on a private field of botbuilder 4.23's client: if a later version moves it,
 * this does nothing (returns false) and sends still work, only retried twice over —
 * test/teams/messenger.test.ts notices.
 *
 * @example
 * await adapter.continueConversationAsync(appId, reference, async (context) => {
 *   withoutConnectorRetries(context);
 *   await context.sendActivity(activity);
 * });
 */
export function withoutConnectorRetries(context: TurnContext): boolean {
  const connector = context.turnState.get<PipelineHolder | undefined>(context.adapter.ConnectorClientKey);
  const pipeline = connector?.client?.pipeline;
  if (!pipeline) return false;
  pipeline.removePolicy({ name: PIPELINE_RETRY_POLICY });
  return true;
}
