import { GUID_PATTERN } from '../core/ids';
import { createHash } from 'node:crypto';

/** The durable job that processes one verified Partner Center event (runner: src/features/relationships). */
export const PARTNER_CENTER_EVENT_JOB = 'partner-center-event';

/** A Partner Center webhook event (reference §5), with the fields the bot uses. */
export interface PartnerCenterEvent {
  eventName: string;
  /** Customer: …/v1/customers/{id}; GDAP: https://partner.microsoft.com/granularAdminRelationships/{id}; DAP: null. */
  resourceUri?: string;
  resourceName?: string;
  resourceChangeUtcDate: string;
}

const EVENT_NAME = /^[a-z][a-z0-9-]{1,99}$/i;
const GUID = GUID_PATTERN;
const CUSTOMER_URI = new RegExp(`/customers/(${GUID})/?$`, 'i');
// GDAP relationship ids are "<guid>-<guid>" in practice; accept a single GUID too.
const GDAP_URI = new RegExp(`/granularAdminRelationships/(${GUID}(?:-${GUID})?)/?$`, 'i');

function optionalString(value: unknown, max: number): string | undefined | false {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' && value.length <= max ? value : false;
}

/**
 * Reads the JSON body into an event, or `undefined` when it is not one (→ 400).
 *
 * @example
 * parseEvent(Buffer.from('{"EventName":"test-created","ResourceChangeUtcDate":"2025-01-01T00:00:00Z"}'));
 */
export function parseEvent(raw: Buffer): PartnerCenterEvent | undefined {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  const eventName = b.EventName;
  const date = b.ResourceChangeUtcDate;
  const resourceUri = optionalString(b.ResourceUri, 2048);
  const resourceName = optionalString(b.ResourceName, 200);
  if (typeof eventName !== 'string' || !EVENT_NAME.test(eventName)) return undefined;
  if (typeof date !== 'string' || date.length > 64 || Number.isNaN(Date.parse(date))) return undefined;
  if (resourceUri === false || resourceName === false) return undefined;
  return { eventName: eventName.toLowerCase(), resourceUri, resourceName, resourceChangeUtcDate: date };
}

/** Partner Center retries the same event up to 10 times; this key is the same for every retry. */
export function eventKey(event: PartnerCenterEvent): string {
  return createHash('sha256')
    .update(JSON.stringify([event.eventName, event.resourceUri ?? '', event.resourceChangeUtcDate]))
    .digest('hex');
}

export function customerIdOf(event: PartnerCenterEvent): string | undefined {
  return event.resourceUri ? CUSTOMER_URI.exec(event.resourceUri)?.[1]?.toLowerCase() : undefined;
}

export function gdapRelationshipIdOf(event: PartnerCenterEvent): string | undefined {
  return event.resourceUri ? GDAP_URI.exec(event.resourceUri)?.[1]?.toLowerCase() : undefined;
}
