import type { Request, Response } from 'restify';

export type ReadinessCheck = () => Promise<boolean>;

/** `GET /healthz`: the process is up and serving HTTP. */
export function healthzRoute() {
  return async (_req: Request, res: Response): Promise<void> => {
    res.send(200, { status: 'ok' });
  };
}

/** `GET /readyz`: every dependency answers (store, Partner Center token). 503 names what is not ready. */
export function readyzRoute(checks: Record<string, ReadinessCheck>) {
  return async (_req: Request, res: Response): Promise<void> => {
    const results: Record<string, boolean> = {};
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          results[name] = await check();
        } catch {
          results[name] = false;
        }
      }),
    );
    const ready = Object.values(results).every(Boolean);
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: results });
  };
}
