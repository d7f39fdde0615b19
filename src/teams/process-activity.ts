import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from '../core/logger';
import { asInteractive } from '../core/priority';
import type { Counter } from '../core/metrics';
import type { ActivityLedger } from './activity-ledger';
import type { McaAdapter } from './adapter';
import type { AuthenticateRequestResult, AuthOutcome } from './channel-auth';
import { allowEarlyAnswer, type ActivityAnswer } from './turn-budget';

export type { ActivityAnswer } from './turn-budget';

export interface ProcessorDeps {
  adapter: McaAdapter;
  authenticate: (activity: Activity, authHeader: string) => Promise<AuthOutcome>;
  bot: { run(context: TurnContext): Promise<void> };
  log: Logger;
  /** TURN_ANSWER_MS: the HTTP answer leaves by then, whatever the turn is still doing. */
  answerMs: number;
  ledger: ActivityLedger;
  /** `activities_retried_total{type}`: retries answered without running the turn again. */
  retried: Counter;
}

const INTERNAL: ActivityAnswer = {
  status: 500,
  body: { error: { code: 'InternalError', message: 'The activity could not be processed.' } },
};

/** Only reached when the bot could not even start its own "still checking" reply in time. */
const STILL_WORKING_INVOKE: ActivityAnswer = {
  status: 200,
  body: {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: 'Still working on it…',
  },
};

/** The same conversions botbuilder's own `process()` applies before a turn (activityValidator.ts). */
function toActivity(body: Record<string, unknown>): Activity {
  const activity = { ...body } as Record<string, unknown>;
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const raw = activity[field];
    if (typeof raw === 'string') {
      activity[`raw${field.charAt(0).toUpperCase()}${field.slice(1)}`] = raw;
      activity[field] = new Date(raw);
    }
  }
  return activity as unknown as Activity;
}

/**
 * Authenticates and runs one activity, answering within `answerMs` however long the turn takes.
 * Authentication happens here rather than inside `CloudAdapter.process`, which answers every
 * failure 500 with the library's message; src/teams/channel-auth.ts decides the status instead.
 * A turn may answer earlier (src/teams/turn-budget.ts) and go on in the background; `drain` waits
 * for those at shutdown.
 *
 * @example
 * const processor = activityProcessor(deps);
 * const answer = await processor(req.body, req.headers.authorization ?? '');
 */
export function activityProcessor(deps: ProcessorDeps) {
  const background = new Set<Promise<unknown>>();

  const runTurn = (activity: Activity, auth: AuthenticateRequestResult) =>
    new Promise<ActivityAnswer>((resolve) => {
      let answered = false;
      const answer = (value: ActivityAnswer) => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        deps.log.warn(
          { activityId: activity.id, type: activity.type },
          'turn still running at TURN_ANSWER_MS',
        );
        answer(activity.type === 'invoke' ? STILL_WORKING_INVOKE : { status: 200 });
      }, deps.answerMs);
      // Someone is waiting for this turn (a message, a click, a search): its Partner Center calls
      // go ahead of background work in the limiter.
      const turn = asInteractive(() =>
        deps.adapter.runAuthenticated(auth, activity, async (context) => {
          allowEarlyAnswer(context, answer);
          await deps.bot.run(context);
        }),
      ).then(
        (invoke) => answer({ status: invoke?.status ?? 200, body: invoke?.body }),
        (err: unknown) => {
          deps.log.error({ err, activityId: activity.id }, 'activity processing failed');
          answer(INTERNAL);
        },
      );
      background.add(turn);
      void turn.finally(() => background.delete(turn));
    });

  const process = async (body: Record<string, unknown>, authHeader: string): Promise<ActivityAnswer> => {
    const activity = toActivity(body);
    const auth = await deps.authenticate(activity, authHeader);
    if (!auth.ok) return auth.refusal;
    const { answer, retried } = await deps.ledger.run(activity, () => runTurn(activity, auth.result));
    if (retried) {
      deps.retried.inc({ type: activity.type });
      deps.log.info(
        { activityId: activity.id, type: activity.type },
        'retried activity answered, not run again',
      );
    }
    return answer;
  };

  return Object.assign(process, {
    /** Waits for turns that answered early and still run (shutdown). */
    drain: async () => {
      await Promise.allSettled([...background]);
    },
  });
}
