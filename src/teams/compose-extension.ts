import {
  CardFactory,
  type AppBasedLinkQuery,
  type Attachment,
  type MessagingExtensionAttachment,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type TurnContext,
} from 'botbuilder';
import type { ComposeCard, SearchItem } from '../core/compose-router';
import type { Services } from '../core/context';
import { asAppError } from '../core/errors';
import { errorReply } from '../core/report-error';
import type { Router } from '../core/router';
import { stringsFor, t } from '../cards/i18n';
import { featureContext } from './turn';

/** Teams asks for 25 rows a page unless it says otherwise. */
const DEFAULT_COUNT = 25;

function message(text: string): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text } };
}

function list(attachments: MessagingExtensionAttachment[]): MessagingExtensionResponse {
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

function thumbnail(preview: ComposeCard['preview'], tapValue?: Record<string, unknown>): Attachment {
  return CardFactory.thumbnailCard(preview.title, preview.text ?? '', undefined, undefined, {
    subtitle: preview.subtitle,
    ...(tapValue ? { tap: { type: 'invoke', title: preview.title, value: tapValue } } : {}),
  });
}

function resultRow(item: SearchItem): MessagingExtensionAttachment {
  const row = thumbnail(item, item.data);
  return { ...row, preview: row };
}

function cardAttachment(result: ComposeCard): MessagingExtensionAttachment {
  return { ...CardFactory.adaptiveCard(result.card), preview: thumbnail(result.preview) };
}

function queryText(query: MessagingExtensionQuery): string {
  const value: unknown = query.parameters?.find((p) => p.name === 'query')?.value;
  return typeof value === 'string' ? value : '';
}

/**
 * `composeExtension/query`: a search-based message extension command → the feature's rows, or the
 * one line it answers instead. A failure (Partner Center down) is one line too, never a stack.
 */
export async function answerComposeQuery(
  context: TurnContext,
  router: Router,
  services: Services,
  query: MessagingExtensionQuery,
): Promise<MessagingExtensionResponse> {
  const commandId = typeof query.commandId === 'string' ? query.commandId.slice(0, 64) : '';
  const ctx = featureContext(context, services, { verb: `compose:${commandId}` });
  const paging = {
    skip: Number.isInteger(query.queryOptions?.skip) ? Number(query.queryOptions?.skip) : 0,
    count: Number.isInteger(query.queryOptions?.count) ? Number(query.queryOptions?.count) : DEFAULT_COUNT,
  };
  try {
    const result = await router.compose.handleQuery(ctx, commandId, queryText(query), paging);
    return 'message' in result ? message(result.message) : list(result.items.map(resultRow));
  } catch (thrown) {
    const err = asAppError(thrown);
    ctx.log.warn({ code: err.code }, 'compose search failed');
    return message(t(stringsFor(ctx.locale), 'compose.failed'));
  }
}

/** `composeExtension/selectItem`: the picked row becomes the card inserted into the compose box. */
export async function answerComposeSelect(
  context: TurnContext,
  router: Router,
  services: Services,
  value: unknown,
): Promise<MessagingExtensionResponse> {
  const ctx = featureContext(context, services, { verb: 'compose:select' });
  const data =
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  try {
    return list([cardAttachment(await router.compose.handleSelect(ctx, data))]);
  } catch (thrown) {
    const reply = errorReply(thrown, {
      locale: ctx.locale,
      log: ctx.log,
      partnerName: services.partner.name,
    });
    const title = t(stringsFor(ctx.locale), 'compose.failed');
    return list(reply.card ? [cardAttachment({ card: reply.card, preview: { title } })] : []);
  }
}

/**
 * `composeExtension/queryLink`: a pasted link on one of the manifest's `messageHandlers` domains →
 * a preview card, or an empty result (no preview) when no feature claims it for this user.
 */
export async function answerLinkQuery(
  context: TurnContext,
  router: Router,
  services: Services,
  query: AppBasedLinkQuery,
): Promise<MessagingExtensionResponse> {
  const ctx = featureContext(context, services, { verb: 'compose:link' });
  const url = typeof query?.url === 'string' ? query.url : '';
  try {
    const card = await router.compose.handleLink(ctx, url);
    return list(card ? [cardAttachment(card)] : []);
  } catch (thrown) {
    // No preview is the honest answer when Partner Center cannot be read; the link still posts.
    ctx.log.warn({ code: asAppError(thrown).code }, 'link preview failed');
    return list([]);
  }
}
