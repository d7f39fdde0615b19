import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelemetry } from '../../src/core/telemetry';
import { silentLogger } from '../../src/core/logger';
import { createGraphHttp } from '../../src/graph';
import { DEMO_CUSTOMERS } from '../../src/sandbox';
import { BotHarness } from '../support/bot-harness';
import { until } from '../support/until';

/** The value of one sample line of the Prometheus text, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const line = text.split('\n').find((l) => {
    if (!l.startsWith(`${name}{`)) return false;
    return Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`));
  });
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('telemetry: spans and /metrics histograms after a status turn', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });
  const metrics = async () => {
    const res = await fetch(`${bot.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    return res.text();
  };

  it('moves the turn and Partner Center histograms, keeps the counters, and shows the queue', async () => {
    const before = await metrics();
    const [card] = await bot.say('status contoso');
    expect(card).toBeDefined();
    const after = await metrics();

    const turn = { activity_type: 'message', status: '200' };
    expect(sample(after, 'mca_turn_duration_seconds_count', turn)).toBe(
      sample(before, 'mca_turn_duration_seconds_count', turn) + 1,
    );
    expect(after).toContain('# TYPE mca_turn_duration_seconds histogram');
    expect(sample(after, 'mca_turn_duration_seconds_bucket', { ...turn, le: '+Inf' })).toBe(
      sample(after, 'mca_turn_duration_seconds_count', turn),
    );
    const search = { endpoint: '/v1/customers', method: 'GET', status: '200' };
    expect(sample(after, 'mca_partner_center_request_duration_seconds_count', search)).toBeGreaterThan(
      sample(before, 'mca_partner_center_request_duration_seconds_count', search),
    );
    expect(after).toMatch(/^mca_jobs_pending \d+$/m);
    // The jobs that ran since start (the relationship reconcile at least) are in the job histogram.
    expect(after).toMatch(
      /^mca_job_duration_seconds_count\{type="relationships\.reconcile",outcome="\w+"\} \d+$/m,
    );
    // Nothing personal in any label.
    expect(after).not.toMatch(/contoso|[0-9a-f]{8}-[0-9a-f]{4}-/i);
  });

  it('nests each Partner Center call under its turn, with endpoint, status and retries', async () => {
    const known = new Set(bot.spans.getFinishedSpans());
    await bot.say(`status ${DEMO_CUSTOMERS[3]!.id}`);
    const spans = bot.spans.getFinishedSpans().filter((s) => !known.has(s));
    const turn = spans.find((s) => s.name === 'turn')!;
    expect(turn.attributes).toMatchObject({
      'mca.activity.type': 'message',
      'http.response.status_code': 200,
    });
    const calls = spans.filter((s) => s.attributes['mca.service'] === 'partner-center');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.parentSpanContext?.spanId).toBe(turn.spanContext().spanId);
      expect(call.attributes).toMatchObject({
        'mca.attempts': 1,
        'mca.retries': 0,
        'http.response.status_code': 200,
      });
    }
    expect(calls.map((c) => c.name)).toContain('partner-center getCustomer');
    expect(calls.map((c) => c.attributes['mca.endpoint'])).toContain('getCustomerAgreements');
  });

  it('puts every job attempt in a span with its type and outcome', async () => {
    const job = await until(
      () => bot.spans.getFinishedSpans().find((s) => s.name.startsWith('job ')),
      'a job span',
    );
    expect(job.attributes['mca.job.type']).toBe(job.name.slice('job '.length));
    expect(['done', 'rescheduled', 'retry', 'dead']).toContain(job.attributes['mca.job.outcome']);
  });
});

describe('telemetry of Microsoft Graph calls', () => {
  it('records one span per call with the redacted path, its retries and final status', async () => {
    const spans = new InMemorySpanExporter();
    const telemetry = await createTelemetry({ log: silentLogger(), spanExporter: spans });
    let calls = 0;
    const http = createGraphHttp({
      baseUrl: 'https://graph.test',
      getToken: async () => 'token',
      log: silentLogger(),
      sleep: async () => {},
      observer: telemetry,
      fetch: async () => {
        calls++;
        return calls === 1
          ? new Response('{}', { status: 503 })
          : new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    await http.request('POST', '/v1.0/users/ada%40contoso.com/sendMail', { message: {} });
    const [span] = spans.getFinishedSpans();
    expect(span!.name).toBe('graph /v1.0/users/{id}/sendMail');
    expect(span!.attributes).toMatchObject({
      'mca.service': 'graph',
      'mca.endpoint': '/v1.0/users/{id}/sendMail',
      'mca.attempts': 2,
      'mca.retries': 1,
      'http.response.status_code': 200,
    });
    const text = await telemetry.prometheus();
    expect(sample(text, 'mca_graph_request_duration_seconds_count', { status: '503' })).toBe(1);
    expect(sample(text, 'mca_graph_request_duration_seconds_count', { status: '200' })).toBe(1);
    await telemetry.shutdown();
  });

  it('does not start Azure Monitor export without a connection string, and survives a bad one', async () => {
    const telemetry = await createTelemetry({
      log: silentLogger(),
      connectionString: 'not a connection string',
    });
    await expect(telemetry.span('x', {}, async () => 1)).resolves.toBe(1);
    await telemetry.shutdown();
  });
});

describe('telemetry with nowhere to send spans: the metrics SDK is loaded after start', () => {
  it('keeps what was recorded before it loaded, and /metrics text shows it', async () => {
    const telemetry = await createTelemetry({ log: silentLogger(), pendingJobs: async () => 3 });
    const turn = { activity_type: 'message', status: '200' };
    // Before load(): a turn, a job and a delivery, as in the first moments after the server listens.
    telemetry.turn(turn, 120);
    telemetry.job('purchases.remind', 'done', 20, 5);
    telemetry.delivery('teams');
    await expect(telemetry.span('partner-center getCustomer', {}, async () => 7)).resolves.toBe(7);
    await telemetry.load();
    telemetry.turn(turn, 80);
    const text = await telemetry.prometheus();
    expect(sample(text, 'mca_turn_duration_seconds_count', turn)).toBe(2);
    expect(sample(text, 'mca_turn_duration_seconds_sum', turn)).toBeCloseTo(0.2, 5);
    expect(
      sample(text, 'mca_job_duration_seconds_count', { type: 'purchases.remind', outcome: 'done' }),
    ).toBe(1);
    expect(sample(text, 'mca_deliveries_total', { outcome: 'teams' })).toBe(1);
    expect(text).toMatch(/^mca_jobs_pending 3$/m);
    await telemetry.shutdown();
  });

  it('loads it for /metrics when nothing has yet', async () => {
    const telemetry = await createTelemetry({ log: silentLogger() });
    telemetry.job('relationships.reconcile', 'done', 10, 0);
    const text = await telemetry.prometheus();
    expect(
      sample(text, 'mca_job_duration_seconds_count', { type: 'relationships.reconcile', outcome: 'done' }),
    ).toBe(1);
    await telemetry.shutdown();
  });
});
