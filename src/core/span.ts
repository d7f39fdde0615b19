import { SpanStatusCode, type Attributes, type Span, type Tracer } from '@opentelemetry/api';

/** Runs `fn` in an active span of `tracer`; an error sets the span's status and is rethrown. */
export function runSpan<T>(
  tracer: Tracer,
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (active) => {
    try {
      return await fn(active);
    } catch (err) {
      active.setStatus({ code: SpanStatusCode.ERROR, message: errorCode(err) });
      active.setAttribute('mca.error', errorCode(err));
      throw err;
    } finally {
      active.end();
    }
  });
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : 'ERROR';
}
