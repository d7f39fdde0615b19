import type { Request, Response } from 'restify';
import type { Logger } from '../core/logger';

/** What the bot needs of an activity before the adapter sees it; anything less is a 400, not a crash. */
export function activityProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return 'The body must be an activity (a JSON object).';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || a.type === '') return 'The activity has no type.';
  if (typeof a.serviceUrl !== 'string' || !/^https?:\/\//.test(a.serviceUrl))
    return 'The activity has no valid serviceUrl.';
  const conversation = a.conversation as Record<string, unknown> | undefined;
  if (!conversation || typeof conversation.id !== 'string' || conversation.id === '')
    return 'The activity has no conversation id.';
  const from = a.from as Record<string, unknown> | undefined;
  if (!from || typeof from.id !== 'string') return 'The activity has no sender.';
  if (a.text !== undefined && typeof a.text !== 'string') return 'The activity text must be a string.';
  return undefined;
}

/**
 * `POST /api/messages`: the Bot Framework endpoint. The adapter authenticates the request
 * (when MicrosoftAppId is set) and runs the bot; invoke results come back as the HTTP body.
 */
export function messagesRoute(deps: {
  process: (req: Request, res: Response) => Promise<void>;
  log: Logger;
}) {
  return async (req: Request, res: Response): Promise<void> => {
    const problem = activityProblem(req.body);
    if (problem) {
      res.send(400, { error: { code: 'BadRequest', message: problem } });
      return;
    }
    try {
      await deps.process(req, res);
    } catch (err) {
      deps.log.error({ err }, 'activity processing failed');
      if (!res.headersSent)
        res.send(500, { error: { code: 'InternalError', message: 'The activity could not be processed.' } });
    }
  };
}
