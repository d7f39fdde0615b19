import { CardFactory, MessageFactory, type Activity, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { Reply } from '../core/context';

/** A feature's reply as a message activity. */
export function toActivity(reply: Reply): Partial<Activity> {
  if (reply.card) return MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
  return MessageFactory.text(reply.text);
}

/** A feature's reply as the body of an `adaptiveCard/action` invoke response (the card replaces the old one). */
export function toInvokeResponse(reply: Reply): AdaptiveCardInvokeResponse {
  if (reply.card) {
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card };
  }
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: reply.text as unknown as AdaptiveCardInvokeResponse['value'],
  };
}

/** A typed invoke error (unknown verb, malformed action) as Teams expects it. */
export function invokeError(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return {
    statusCode,
    type: 'application/vnd.microsoft.error',
    value: { code, message },
  };
}
