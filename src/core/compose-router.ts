import type { AdaptiveCard } from '../cards/render';
import type { FeatureContext } from './context';
import { AppError } from './errors';

/** One row of a search-based message extension's result list. */
export interface SearchItem {
  title: string;
  subtitle: string;
  /** The status in words, led by its colour marker. */
  text: string;
  /** Sent back when the row is picked (composeExtension/selectItem); card data is user-controlled. */
  data: Record<string, unknown>;
}

/** Rows to list, or one line to show instead (nothing found, not allowed, bad query). */
export type SearchResult = { items: SearchItem[] } | { message: string };

/** A card to insert into the compose box, with the small preview Teams shows before it is sent. */
export interface ComposeCard {
  card: AdaptiveCard;
  preview: { title: string; subtitle?: string; text?: string };
}

export type SearchHandler = (
  ctx: FeatureContext,
  query: string,
  paging: { skip: number; count: number },
) => Promise<SearchResult>;
export type SelectHandler = (ctx: FeatureContext, data: Record<string, unknown>) => Promise<ComposeCard>;
/** A link pasted into the compose box: a preview card, or undefined for "not ours / not for you". */
export type LinkHandler = (ctx: FeatureContext, url: string) => Promise<ComposeCard | undefined>;

/**
 * Message-extension routes, kept beside the command and verb routes: search commands (manifest
 * `composeExtensions[].commands[]`, each with the handler for its picked row) and link unfurlers
 * (manifest `messageHandlers`). Features register into it from their `index.ts`.
 *
 * @example
 * router.compose.search('findCustomer', { search: findCustomer, select: selectCustomer });
 * router.compose.link(unfurlCustomerLink);
 */
export class ComposeRouter {
  private readonly searches = new Map<string, { search: SearchHandler; select: SelectHandler }>();
  private readonly unfurlers: LinkHandler[] = [];

  search(commandId: string, handlers: { search: SearchHandler; select: SelectHandler }): this {
    if (this.searches.has(commandId)) throw new Error(`search command "${commandId}" is registered twice`);
    this.searches.set(commandId, handlers);
    return this;
  }

  link(handler: LinkHandler): this {
    this.unfurlers.push(handler);
    return this;
  }

  searchCommands(): string[] {
    return [...this.searches.keys()];
  }

  async handleQuery(
    ctx: FeatureContext,
    commandId: string,
    query: string,
    paging: { skip: number; count: number },
  ): Promise<SearchResult> {
    return this.route(commandId).search(ctx, query, paging);
  }

  /** A picked row: its data names the command it came from (see SearchItem.data). */
  async handleSelect(ctx: FeatureContext, data: Record<string, unknown>): Promise<ComposeCard> {
    return this.route(typeof data.commandId === 'string' ? data.commandId : '').select(ctx, data);
  }

  /** The first unfurler that recognises the link answers; none → no preview. */
  async handleLink(ctx: FeatureContext, url: string): Promise<ComposeCard | undefined> {
    for (const unfurl of this.unfurlers) {
      const card = await unfurl(ctx, url);
      if (card) return card;
    }
    return undefined;
  }

  private route(commandId: string): { search: SearchHandler; select: SelectHandler } {
    const route = this.searches.get(commandId);
    if (!route) {
      throw new AppError('UNKNOWN_VERB', 'This search is not known to this version of MCA Assist.', {
        details: { commandId: commandId.slice(0, 64) },
      });
    }
    return route;
  }
}
