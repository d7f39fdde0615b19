import { AppError } from './errors';
import { ComposeRouter } from './compose-router';
import type { FeatureContext, Reply, Services } from './context';
import type { Job } from '../store/types';
import { localHooks } from '../coordination/local';
import type { AppEvent, Hook, Hooks } from '../coordination/types';

/** A background job's decision: finished, or run again at `runAt` (optionally with new state). */
export type JobOutcome = { done: true } | { done: false; runAt: Date; payload?: unknown };
export type JobRunner = (job: Job, services: Services, signal: AbortSignal) => Promise<JobOutcome | void>;

export type CommandHandler = (ctx: FeatureContext, args: string) => Promise<Reply>;
export type VerbHandler = (ctx: FeatureContext, data: Record<string, unknown>) => Promise<Reply>;

/**
 * Who may run a command or verb. Partner-only routes refuse callers from other tenants. A
 * `customer` command answers the same word for callers outside the partner tenant (their own data
 * only), so `status` means "my status" to a customer and "a customer's status" to the partner.
 */
export type Audience = 'partner' | 'anyone' | 'customer';

/** Recognises a sentence (not a command word), e.g. the admin center's "contact your partner". */
export type PhraseMatcher = (text: string) => boolean;

interface Route<H> {
  handler: H;
  audience: Audience;
}

/**
 * Routing is data: command words and card verbs map to handlers (bolt `app.action`, teams.ts
 * route aliases). Feature folders register into it from their `index.ts`.
 *
 * @example
 * router.command(['status', 'check'], status, { audience: 'partner' });
 * router.verb('refreshStatus', refreshStatus, { audience: 'partner' });
 */
export class Router {
  private readonly commands = new Map<string, Route<CommandHandler>>();
  private readonly customerCommands = new Map<string, CommandHandler>();
  private readonly phrases: { matches: PhraseMatcher; handler: CommandHandler }[] = [];
  private readonly verbs = new Map<string, Route<VerbHandler>>();
  private fallbackHandler?: CommandHandler;
  private readonly jobRunners = new Map<string, JobRunner>();
  /** What features registered with `on`; the wiring hands it to Services. */
  readonly hooks: Hooks = localHooks();
  /** Message-extension searches and link unfurlers (src/core/compose-router.ts). */
  readonly compose = new ComposeRouter();

  command(words: string | string[], handler: CommandHandler, opts: { audience: Audience }): this {
    for (const word of Array.isArray(words) ? words : [words]) {
      const key = word.toLowerCase();
      if (opts.audience === 'customer') {
        if (this.customerCommands.has(key)) throw new Error(`customer command "${key}" is registered twice`);
        this.customerCommands.set(key, handler);
        continue;
      }
      if (this.commands.has(key)) throw new Error(`command "${key}" is registered twice`);
      this.commands.set(key, { handler, audience: opts.audience });
    }
    return this;
  }

  verb(name: string, handler: VerbHandler, opts: { audience: Audience }): this {
    if (this.verbs.has(name)) throw new Error(`verb "${name}" is registered twice`);
    this.verbs.set(name, { handler, audience: opts.audience });
    return this;
  }

  /** A durable job type and the feature code that runs it (src/jobs/worker.ts leases and retries). */
  job(type: string, runner: JobRunner): this {
    if (this.jobRunners.has(type)) throw new Error(`job type "${type}" is registered twice`);
    this.jobRunners.set(type, runner);
    return this;
  }

  /**
   * Follows another feature's event (registered by name: the same name again replaces it).
   *
   * @example
   * router.on(REQUEST_CHANGED, 'purchases', followRequest);
   */
  on<T>(event: AppEvent<T>, name: string, hook: Hook<T>): this {
    this.hooks.on(event, name, hook);
    return this;
  }

  jobs(): ReadonlyMap<string, JobRunner> {
    return this.jobRunners;
  }

  /** A sentence anyone may type or paste; checked after command words, before the fallback. */
  phrase(matches: PhraseMatcher, handler: CommandHandler): this {
    this.phrases.push({ matches, handler });
    return this;
  }

  /** Answers text that matches no command (the help card). */
  fallback(handler: CommandHandler): this {
    this.fallbackHandler = handler;
    return this;
  }

  commandNames(): string[] {
    return [...this.commands.keys()];
  }

  verbNames(): string[] {
    return [...this.verbs.keys()];
  }

  async handleText(ctx: FeatureContext, text: string): Promise<Reply> {
    const trimmed = text.trim();
    const [first = '', ...rest] = trimmed.split(/\s+/);
    const word = first.toLowerCase();
    const forCustomer = ctx.caller.isPartner ? undefined : this.customerCommands.get(word);
    if (forCustomer) return forCustomer(ctx, rest.join(' '));
    const route = this.commands.get(word);
    const phrase = route ? undefined : this.phrases.find((p) => p.matches(trimmed));
    if (phrase) return phrase.handler(ctx, trimmed);
    if (!route) {
      if (!this.fallbackHandler) throw new AppError('INTERNAL', 'No fallback handler is registered.');
      return this.fallbackHandler(ctx, trimmed);
    }
    checkAudience(ctx, route.audience);
    return route.handler(ctx, rest.join(' '));
  }

  async handleVerb(ctx: FeatureContext, verb: string, data: unknown): Promise<Reply> {
    const route = this.verbs.get(verb);
    if (!route) {
      throw new AppError('UNKNOWN_VERB', 'This button is not known to this version of MCA Assist.', {
        details: { verb: verb.slice(0, 64) },
      });
    }
    checkAudience(ctx, route.audience);
    const record = data && typeof data === 'object' && !Array.isArray(data) ? data : {};
    return route.handler(ctx, record as Record<string, unknown>);
  }
}

function checkAudience(ctx: FeatureContext, audience: Audience): void {
  if (audience === 'partner' && !ctx.caller.isPartner) {
    throw new AppError('NOT_PARTNER_USER', 'This command is only available to the partner’s staff.');
  }
}
