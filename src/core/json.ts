/** Reading JSON bodies from the services we call (Partner Center, Graph). */

/**
 * A success body: empty means no content; anything that is not JSON is the service's fault, so
 * the caller decides which (retryable) error that is.
 *
 * @example
 * parseJsonBody<Customer>(text, (cause) => new AppError('PC_UNAVAILABLE', '…', { cause, retryable: true }))
 */
export function parseJsonBody<T>(text: string, notJson: (cause: unknown) => Error): T {
  if (text.trim() === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw notJson(err);
  }
}

/** Error bodies may be HTML from a proxy or plain text; those read as undefined (mapped by status alone). */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
