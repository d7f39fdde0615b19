import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/logger';
import { ACCEPTANCE_PATHS, handleAcceptancePage } from './acceptance-page';
import { handleApi } from './api';
import { LOGIN_PREFIX } from './login';
import { controlRoutes } from './control';
import { handleConsentPage, isConsentPath } from './consent-pages';
import { decideGdap, GDAP_PATH } from './graph-gdap';
import { answerGraph } from './graph-reply';
import { ACCESS_PATH, decideAccess, GROUPS_PATH } from './graph-access';
import { relationshipControlRoutes } from './relationship-control';
import { handleGraph } from './graph-mail';
import { outboxPage } from './outbox-page';
import { badRequest, notFound, pcError } from './reply';
import { compileRoutes, matchRoute } from './router';
import type { SandboxWorld } from './world';
import { WEBHOOK_CERTIFICATE_PATH } from './webhook-sender';
import { readJson, waitLatency, writeReply } from './write';

const CONTROL_ROUTES = compileRoutes([...controlRoutes, ...relationshipControlRoutes]);
const DOCUMENT_PATH = /^\/sandbox\/agreement-documents\/([0-9a-f]+)\/?$/;

export interface ServerOptions {
  host: string;
  port: number;
  control: boolean;
  requireRequestHeaders: boolean;
  log: Logger;
  /** Called after each request that may have changed the world (anything but GET and HEAD). */
  onChange?: () => void;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function listen(world: SandboxWorld, options: ServerOptions): Promise<RunningServer> {
  const closing = new AbortController();
  // Every request in flight waits out the emulated latency on this one signal: a sweep keeps dozens
  // at once, which is no leak (each listener goes when its wait ends).
  setMaxListeners(0, closing.signal);
  const deps = {
    world,
    log: options.log,
    signal: closing.signal,
    requireRequestHeaders: options.requireRequestHeaders,
  };

  const dispatch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (url.pathname.startsWith('/v1/') || url.pathname === '/v1') return handleApi(req, res, url, deps);
    if (url.pathname.startsWith('/webhooks/v1/')) return handleApi(req, res, url, deps);
    if (GROUPS_PATH.test(url.pathname) || ACCESS_PATH.test(url.pathname))
      return answerGraph(req, res, url, deps, decideAccess);
    if (GDAP_PATH.test(url.pathname)) return answerGraph(req, res, url, deps, decideGdap);
    if (url.pathname.startsWith('/graph/')) return handleGraph(req, res, url, deps);
    if (url.pathname.startsWith(`${LOGIN_PREFIX}/`)) return world.login.handle(req, res, url);
    if (isConsentPath(url.pathname)) return handleConsentPage(req, res, url, deps);
    if (url.pathname === WEBHOOK_CERTIFICATE_PATH) return writeReply(res, world.webhooks.certificateReply());
    if (ACCEPTANCE_PATHS.includes(url.pathname)) return handleAcceptancePage(req, res, url, deps);
    if (url.pathname === '/sandbox/outbox' && req.method === 'GET') return writeReply(res, outboxPage(world));
    const doc = DOCUMENT_PATH.exec(url.pathname);
    if (doc?.[1] && req.method === 'GET') {
      const reply = world.documents.serve(doc[1], url.searchParams.get('mode'));
      if (await waitLatency(world.latencyMs, closing.signal)) writeReply(res, reply);
      return;
    }
    if (options.control && url.pathname.startsWith('/_control/')) return handleControl(req, res, url);
    writeReply(res, notFound(`Nothing at ${url.pathname}.`));
  };

  const handleControl = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const match = matchRoute(CONTROL_ROUTES, req.method ?? 'GET', url.pathname);
    if (match.kind === 'not-found') return writeReply(res, notFound(`No control route ${url.pathname}.`));
    if (match.kind === 'method-not-allowed') {
      const reply = pcError(405, 'MethodNotAllowed', 'Method not allowed.', 'MethodNotAllowed');
      return writeReply(res, { ...reply, headers: { Allow: match.allow.join(', ') } });
    }
    let body: unknown;
    try {
      body = req.method === 'POST' ? await readJson(req) : undefined;
    } catch (err) {
      return writeReply(res, badRequest(`The body is not valid JSON: ${(err as Error).message}`));
    }
    const reply = await match.route.handle({ url, params: match.params, world, headers: req.headers, body });
    writeReply(res, reply);
  };

  const server = createServer((req, res) => {
    const changes = req.method !== 'GET' && req.method !== 'HEAD';
    dispatch(req, res)
      .catch((err: unknown) => {
        options.log.error({ err }, 'sandbox request failed');
        writeReply(res, pcError(500, 'InternalServerError', 'The sandbox failed.', 'InternalError', true));
      })
      .finally(() => {
        if (changes) options.onChange?.();
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  world.baseUrl = url;
  options.log.info({ url, control: options.control }, 'Partner Center sandbox listening');

  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        world.stopWebhooks();
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive and deliberately hung connections would otherwise hold close() open forever.
        server.closeAllConnections();
      }),
  };
}
