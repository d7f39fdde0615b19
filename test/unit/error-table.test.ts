import { describe, expect, it } from 'vitest';
import { ERRORS, httpStatusFor } from '../../src/core/error-table';
import { AppError } from '../../src/core/errors';
import { errorReply } from '../../src/core/report-error';
import { silentLogger } from '../../src/core/logger';

const log = silentLogger();
const cardOf = (err: AppError) =>
  JSON.stringify(
    errorReply(err, { locale: 'en-US', log, partnerName: 'Fabrikam', retry: { verb: 'v', data: {} } }),
  );

describe('the error table', () => {
  it('offers Retry on the card exactly for the codes it marks retryable', () => {
    for (const [code, traits] of Object.entries(ERRORS)) {
      const card = cardOf(new AppError(code as keyof typeof ERRORS, 'x'));
      expect({ code, retry: card.includes('"verb":"v"') }).toEqual({ code, retry: traits.retryable });
    }
  });

  it('answers the HTTP routes 404 for what is not there, 503 for passing failures, else 500', () => {
    expect(httpStatusFor(new AppError('CUSTOMER_NOT_FOUND', 'x'))).toBe(404);
    expect(httpStatusFor(new AppError('PC_UNAVAILABLE', 'x', { retryable: true }))).toBe(503);
    expect(httpStatusFor(new AppError('AUTH_TOKEN_FAILED', 'x', { retryable: true }))).toBe(503);
    expect(httpStatusFor(new AppError('AUTH_TOKEN_FAILED', 'x'))).toBe(500);
    expect(httpStatusFor(new AppError('STORE_UNAVAILABLE', 'closed'))).toBe(500);
  });
});
