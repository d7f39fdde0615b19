import type { Response } from 'restify';
import type { Clock } from '../core/clock';
import type { Signer } from '../core/signing';

/** A short plain-text answer that no cache keeps (refusals and "gone"). */
export function plainText(res: Response, status: number, body: string): void {
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.sendRaw(status, body);
}

/** A query parameter as one string ('' when absent or repeated). */
export function queryParam(q: Record<string, unknown>, name: string): string {
  const value = q[name];
  return typeof value === 'string' ? value : '';
}

/**
 * Checks a signed, expiring link of the bot's own (src/http/links.ts): the HMAC over `parts`
 * first, so a forged link learns nothing, then the expiry `exp` (epoch ms).
 *
 * @example
 * if (signedLinkProblem(signer, clock, portfolioCsvParts(…, exp), sig, exp) === 'expired') …
 */
export function signedLinkProblem(
  signer: Signer,
  clock: Clock,
  parts: string[],
  sig: string,
  exp: string,
): 'invalid' | 'expired' | undefined {
  if (!sig || !signer.verify(parts, sig)) return 'invalid';
  if (!/^\d{1,15}$/.test(exp) || Number(exp) <= clock.now().getTime()) return 'expired';
  return undefined;
}
