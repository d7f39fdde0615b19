import { idFrom } from '../../core/ids';

/** Card data is user-controlled: only a well-formed request id goes to the store. */
export function requestIdFrom(data: Record<string, unknown>): string {
  return idFrom(
    data,
    'requestId',
    'This card does not name a valid request. Type requests to see the open ones.',
  );
}
