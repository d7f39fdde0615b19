import { AppError } from '../../core/errors';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Card data is user-controlled: only a well-formed request id goes to the store. */
export function requestIdFrom(data: Record<string, unknown>): string {
  const id = data.requestId;
  if (typeof id !== 'string' || !ID.test(id)) {
    throw new AppError(
      'INPUT_INVALID',
      'This card does not name a valid request. Type requests to see the open ones.',
    );
  }
  return id.toLowerCase();
}
