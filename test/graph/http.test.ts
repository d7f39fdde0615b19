import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/core/errors';
import { silentLogger } from '../../src/core/logger';
import { createGraphHttp, redactPath, toGraphError } from '../../src/graph';

const GRAPH = 'https://graph.example.test';

/** A fetch that records calls and plays scripted answers (the last one repeats). */
function scriptedFetch(...answers: (() => Response)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.length > 1 ? answers.shift()! : answers[0]!;
    return next();
  }) as unknown as typeof fetch;
  return { fetchFn, calls };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });

async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describe('Graph HTTP client', () => {
  it('sends the bearer token, JSON and one client-request-id for all attempts', async () => {
    const { fetchFn, calls } = scriptedFetch(json(503, {}), json(200, { value: [1] }));
    const graph = createGraphHttp({
      baseUrl: `${GRAPH}/`,
      getToken: async () => 'tok',
      fetch: fetchFn,
      log: silentLogger(),
      sleep: async () => undefined,
    });

    const result = await graph.request<{ value: number[] }>('POST', '/v1.0/things', { a: 1 });

    expect(result).toEqual({ value: [1] });
    expect(calls.map((c) => c.url)).toEqual([`${GRAPH}/v1.0/things`, `${GRAPH}/v1.0/things`]);
    const [first, second] = calls.map((c) => new Headers(c.init.headers));
    expect(first?.get('authorization')).toBe('Bearer tok');
    expect(first?.get('content-type')).toBe('application/json');
    expect(first?.get('client-request-id')).toBe(second?.get('client-request-id'));
    expect(calls[0]?.init.body).toBe('{"a":1}');
  });

  it('follows an absolute link under the base URL and refuses one to another host', async () => {
    const { fetchFn, calls } = scriptedFetch(json(200, {}));
    const graph = createGraphHttp({
      baseUrl: GRAPH,
      getToken: async () => 't',
      fetch: fetchFn,
      log: silentLogger(),
    });

    await graph.request('GET', `${GRAPH}/v1.0/things?$skiptoken=x`);
    const err = await rejectionOf(graph.request('GET', 'https://evil.example/v1.0/things'));

    expect(calls).toHaveLength(1);
    expect(err.code).toBe('INTERNAL');
  });

  it('resolves undefined for an empty 202/204', async () => {
    const { fetchFn } = scriptedFetch(() => new Response(null, { status: 204 }));
    const graph = createGraphHttp({
      baseUrl: GRAPH,
      getToken: async () => 't',
      fetch: fetchFn,
      log: silentLogger(),
    });
    expect(await graph.request('DELETE', '/v1.0/things/1')).toBeUndefined();
  });

  it('reports a failing token provider as AUTH_TOKEN_FAILED without calling Graph', async () => {
    const { fetchFn, calls } = scriptedFetch(json(200, {}));
    const graph = createGraphHttp({
      baseUrl: GRAPH,
      getToken: async () => {
        throw new Error('boom');
      },
      fetch: fetchFn,
      log: silentLogger(),
    });
    expect((await rejectionOf(graph.request('GET', '/v1.0/x'))).code).toBe('AUTH_TOKEN_FAILED');
    expect(calls).toHaveLength(0);
  });

  it('maps statuses to GRAPH_* codes and keeps only Graph’s error code', () => {
    const body = {
      error: { code: 'ErrorInvalidRecipients', message: 'Recipient ada@contoso.com is invalid' },
    };
    const bad = toGraphError(400, body, 'c', 1);
    expect(bad.code).toBe('GRAPH_BAD_REQUEST');
    expect(bad.details.graphCode).toBe('ErrorInvalidRecipients');
    expect(bad.message).not.toContain('ada@contoso.com');
    expect(toGraphError(404, {}, 'c', 1, { notFound: 'Set MAIL_FROM.' }).message).toBe('Set MAIL_FROM.');
    expect(toGraphError(429, {}, 'c', 4)).toMatchObject({ code: 'GRAPH_UNAVAILABLE', retryable: true });
    expect(toGraphError(502, undefined, 'c', 4).code).toBe('GRAPH_UNAVAILABLE');
    expect(toGraphError(403, {}, 'c', 1).code).toBe('GRAPH_FORBIDDEN');
  });

  it('masks mailboxes and ids in logged paths and drops the query', () => {
    expect(redactPath('/v1.0/users/ada%40contoso.com/sendMail?x=ada')).toBe('/v1.0/users/{id}/sendMail');
    expect(
      redactPath(
        '/v1.0/tenantRelationships/delegatedAdminRelationships/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
      ),
    ).toBe('/v1.0/tenantRelationships/delegatedAdminRelationships/{id}');
  });
});
