import type { TurnContext } from 'botbuilder';

/** What `POST /api/messages` answers; the HTTP layer only writes it. */
export interface ActivityAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** TURN_STILL_CHECKING_MS default: a handler still running by then shows "still checking". */
export const DEFAULT_STILL_CHECKING_MS = 2500;

type Answerer = (answer: ActivityAnswer) => void;
const EARLY_ANSWER = Symbol('mca.earlyAnswer');

/** Lets this turn answer its HTTP request before it ends (src/teams/process-activity.ts). */
export function allowEarlyAnswer(context: TurnContext, answer: Answerer): void {
  context.turnState.set(EARLY_ANSWER, answer);
}

/**
 * Answers the HTTP request now; the turn goes on in the background and may still send and edit
 * messages. Teams retries a request not answered within 15 s, and the bot answers within 5 s.
 *
 * @example
 * answerEarly(context, { status: 200, body: toInvokeResponse(stillChecking) });
 */
export function answerEarly(context: TurnContext, answer: ActivityAnswer = { status: 200 }): void {
  context.turnState.get<Answerer | undefined>(EARLY_ANSWER)?.(answer);
}

export type Raced<T> = { done: true; value: T } | { done: false };

/**
 * Waits for `work` at most `ms`; the work keeps running either way.
 *
 * @example
 * const first = await within(handler(), 2500);
 * if (!first.done) showStillChecking();
 */
export async function within<T>(work: Promise<T>, ms: number): Promise<Raced<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Raced<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value): Raced<T> => ({ done: true, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
