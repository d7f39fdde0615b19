import type { Request, Response } from 'restify';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';

/** A reason an activity is refused: `field` labels the counter, `message` is the 400's body. */
export interface ActivityProblem {
  field: string;
  message: string;
}

/** What src/teams/ answers for one activity; this route only writes it. */
export interface ActivityAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ActivityProcessor = (
  body: Record<string, unknown>,
  authHeader: string,
) => Promise<ActivityAnswer>;

type Shape = Record<string, unknown>;
const isObject = (v: unknown): v is Shape => !!v && typeof v === 'object' && !Array.isArray(v);
const optionalString = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const account = (v: unknown) =>
  isObject(v) &&
  typeof v.id === 'string' &&
  optionalString(v.name) &&
  optionalString(v.aadObjectId) &&
  optionalString(v.role);

/** Fields the activity schema types as strings when present (botframework-schema Activity). */
const STRING_FIELDS = [
  'id',
  'text',
  'locale',
  'name',
  'replyToId',
  'timestamp',
  'localTimestamp',
  'textFormat',
];

/**
 * Invoke names of the Teams and Bot Framework vocabulary (botbuilder ActivityHandler and
 * TeamsActivityHandler route each of them). The bot handles `adaptiveCard/action`; the others
 * belong to features this app does not declare in its manifest (message extensions, tabs, task
 * modules, configuration, file consent, SSO), and botbuilder answers them 501 Not Implemented, which
 * is what Teams expects from a bot without that capability. Any other name is not from Teams: 400.
 */
export const TEAMS_INVOKE_NAMES: ReadonlySet<string> = new Set([
  'adaptiveCard/action',
  'actionableMessage/executeAction',
  'application/search',
  'composeExtension/anonymousQueryLink',
  'composeExtension/fetchTask',
  'composeExtension/onCardButtonClicked',
  'composeExtension/query',
  'composeExtension/queryLink',
  'composeExtension/querySettingUrl',
  'composeExtension/selectItem',
  'composeExtension/setting',
  'composeExtension/submitAction',
  'config/fetch',
  'config/submit',
  'fileConsent/invoke',
  'signin/tokenExchange',
  'signin/verifyState',
  'tab/fetch',
  'tab/submit',
  'task/fetch',
  'task/submit',
]);

/**
 * What the bot needs of an activity before the framework sees it. Anything less is a 400 with a
 * short reason: handlers and botbuilder assume this shape, and a fuzzed activity used to fail deep
 * inside a turn ("unhandled error in turn") instead.
 */
export function activityProblem(body: unknown): ActivityProblem | undefined {
  const bad = (field: string, message: string) => ({ field, message });
  if (!isObject(body)) return bad('body', 'The body must be an activity (a JSON object).');
  const a = body;
  if (typeof a.type !== 'string' || a.type === '') return bad('type', 'The activity has no type.');
  if (typeof a.channelId !== 'string' || a.channelId === '')
    return bad('channelId', 'The activity has no channelId.');
  if (typeof a.serviceUrl !== 'string' || !/^https?:\/\//.test(a.serviceUrl))
    return bad('serviceUrl', 'The activity has no valid serviceUrl.');
  const conversation = a.conversation;
  if (!isObject(conversation) || typeof conversation.id !== 'string' || conversation.id === '')
    return bad('conversation', 'The activity has no conversation id.');
  if (conversation.isGroup !== undefined && typeof conversation.isGroup !== 'boolean')
    return bad('conversation', 'conversation.isGroup must be a boolean.');
  for (const key of ['conversationType', 'tenantId', 'name'] as const)
    if (!optionalString(conversation[key]))
      return bad('conversation', `conversation.${key} must be a string.`);
  if (!account(a.from)) return bad('from', 'The activity has no sender.');
  if (!account(a.recipient)) return bad('recipient', 'The activity has no recipient.');
  for (const key of STRING_FIELDS)
    if (!optionalString(a[key])) return bad(key, `The activity's ${key} must be a string.`);
  if (a.entities !== undefined && !(Array.isArray(a.entities) && a.entities.every((e) => isObject(e))))
    return bad('entities', 'The activity’s entities must be a list of objects.');
  if (a.attachments !== undefined && !(Array.isArray(a.attachments) && a.attachments.every(isObject)))
    return bad('attachments', 'The activity’s attachments must be a list of objects.');
  for (const key of ['membersAdded', 'membersRemoved'] as const)
    if (a[key] !== undefined && !(Array.isArray(a[key]) && a[key].every(account)))
      return bad(key, `The activity's ${key} must be a list of accounts.`);
  if (a.channelData !== undefined && a.channelData !== null && !isObject(a.channelData))
    return bad('channelData', 'The activity’s channelData must be an object.');
  const tenant = isObject(a.channelData) ? a.channelData.tenant : undefined;
  if (tenant !== undefined && !(isObject(tenant) && optionalString(tenant.id)))
    return bad('channelData', 'channelData.tenant must be an object with a string id.');
  if (a.type === 'invoke' && !TEAMS_INVOKE_NAMES.has(a.name as string))
    return bad('name', 'Unknown invoke name.');
  return undefined;
}

/**
 * `POST /api/messages`: the Bot Framework endpoint. The shape is checked first (400, counted,
 * logged without the body), then src/teams/ authenticates and runs the bot and says what to answer.
 */
export function messagesRoute(deps: { process: ActivityProcessor; log: Logger; metrics: Metrics }) {
  const refused = deps.metrics.counter(
    'activities_refused_total',
    'Activities answered 400 before the bot framework saw them, by the field at fault',
  );
  return async (req: Request, res: Response): Promise<void> => {
    const problem = activityProblem(req.body);
    if (problem) {
      refused.inc({ field: problem.field });
      deps.log.warn({ field: problem.field }, 'malformed activity refused');
      res.send(400, { error: { code: 'BadRequest', message: problem.message } });
      return;
    }
    try {
      const header = req.headers.authorization;
      const answer = await deps.process(
        req.body as Record<string, unknown>,
        typeof header === 'string' ? header : '',
      );
      for (const [name, value] of Object.entries(answer.headers ?? {})) res.header(name, value);
      if (answer.body === undefined) res.send(answer.status);
      else res.send(answer.status, answer.body);
    } catch (err) {
      deps.log.error({ err }, 'activity processing failed');
      if (!res.headersSent)
        res.send(500, { error: { code: 'InternalError', message: 'The activity could not be processed.' } });
    }
  };
}
