import type { BotHarness, Who } from './bot-harness';

/** The body Teams gets back for a message-extension invoke. */
export interface ComposeAnswer {
  status: number;
  type?: string;
  text?: string;
  attachments: any[];
}

async function invoke(bot: BotHarness, name: string, value: unknown, who: Who): Promise<ComposeAnswer> {
  const res = await bot.post(bot.activity('invoke', who, { name, value }));
  const extension = res.body?.composeExtension ?? {};
  return {
    status: res.status,
    type: extension.type,
    text: extension.text,
    attachments: extension.attachments ?? [],
  };
}

/** Types into the compose box: `composeExtension/query` for a search command. */
export function composeQuery(
  bot: BotHarness,
  query: string,
  who: Who = {},
  options: { commandId?: string; skip?: number; count?: number } = {},
): Promise<ComposeAnswer> {
  return invoke(
    bot,
    'composeExtension/query',
    {
      commandId: options.commandId ?? 'findCustomer',
      parameters: [{ name: 'query', value: query }],
      queryOptions: { skip: options.skip ?? 0, count: options.count ?? 25 },
    },
    who,
  );
}

/** Picks a result row: `composeExtension/selectItem` with the row's tap value. */
export function selectItem(bot: BotHarness, value: unknown, who: Who = {}): Promise<ComposeAnswer> {
  return invoke(bot, 'composeExtension/selectItem', value, who);
}

/** Pastes a link: `composeExtension/queryLink`. */
export function queryLink(bot: BotHarness, url: string, who: Who = {}): Promise<ComposeAnswer> {
  return invoke(bot, 'composeExtension/queryLink', { url }, who);
}

/** The rows of a search result as Teams would list them (thumbnail previews). */
export function rows(answer: ComposeAnswer): { title: string; subtitle: string; text: string; tap: any }[] {
  return answer.attachments.map((a) => ({
    title: a.preview.content.title,
    subtitle: a.preview.content.subtitle,
    text: a.preview.content.text,
    tap: a.preview.content.tap?.value,
  }));
}
