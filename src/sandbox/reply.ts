import type { ErrorBody } from './types';
import { SANDBOX_PARTNER_TENANT_ID } from './constants';

/** What a route handler returns; the server writes it (status, headers, latency, logging). */
export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export function ok(json: unknown, status = 200): Reply {
  return { status, json };
}

/** Partner Center's 403 for a customer without a reseller relationship (code 20002). */
export function noCommerceRelationship(customerId: string): Reply {
  return pcError(
    403,
    20002,
    `The partner id ${SANDBOX_PARTNER_TENANT_ID} has no commerce relationship with the customer id ${customerId}`,
    'PartnerHasNoCommerceRelationshipWithCustomer',
  );
}

/**
 * The Partner Center error shape (reference §4). `source` is what PartnerFD answers carry; the
 * numeric codes are the documented ones where one exists.
 */
export function pcError(
  status: number,
  code: string | number,
  description: string,
  errorName: string,
  isRetryable = false,
): Reply {
  const body: ErrorBody = {
    code,
    description,
    message: description,
    errorName,
    isRetryable,
    data: [],
    source: 'PartnerFD',
  };
  return { status, json: body };
}

export function notFound(what = 'The requested resource was not found.'): Reply {
  return pcError(404, 'NotFound', what, 'NotFound');
}

export function badRequest(description: string, errorName = 'InvalidInput'): Reply {
  return pcError(400, 'InvalidInput', description, errorName);
}

/** The documented throttling body (reference §7) with a matching Retry-After header. */
export function throttled(retryAfterSeconds: number, body?: object): Reply {
  return {
    status: 429,
    json: body ?? {
      statusCode: 429,
      message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.`,
    },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  };
}

export function html(status: number, title: string, bodyHtml: string): Reply {
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${bodyHtml}</body></html>`;
  return { status, text: page, contentType: 'text/html; charset=utf-8' };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
