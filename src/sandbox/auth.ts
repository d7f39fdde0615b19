import type { IncomingMessage } from 'node:http';
import type { TokenKind } from '../partner-center/types';
import { SANDBOX_APP_TOKEN, SANDBOX_USER_TOKEN } from './constants';
import { pcError, type Reply } from './reply';
import type { TokenKindSeen } from './types';

/** Which of the sandbox tokens the request carries; anything else is `invalid`, nothing is `none`. */
export function tokenKindOf(req: IncomingMessage): TokenKindSeen {
  const header = req.headers.authorization;
  if (!header) return 'none';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match?.[1] === SANDBOX_APP_TOKEN) return 'app';
  if (match?.[1] === SANDBOX_USER_TOKEN) return 'user';
  return 'invalid';
}

/** 401 for a missing or unknown token; a real gateway also sends WWW-Authenticate. */
export function unauthorized(kind: TokenKindSeen): Reply {
  const reply = pcError(
    401,
    900401,
    kind === 'none'
      ? 'The request has no Authorization header; send "Authorization: Bearer <token>" for https://api.partnercenter.microsoft.com.'
      : 'The bearer token is not valid for https://api.partnercenter.microsoft.com (expired, wrong audience or wrong tenant).',
    'Unauthorized',
  );
  reply.headers = { 'WWW-Authenticate': 'Bearer' };
  return reply;
}

/**
 * 403 for an app-only token on an App+User endpoint (reference §6). The code is Microsoft's:
 * 900329, "the resource doesn't support app-only authentication"
 * (https://learn.microsoft.com/partner-center/developer/error-codes); the error name is the sandbox's.
 */
export function appOnlyForbidden(): Reply {
  return pcError(
    403,
    900329,
    'This resource does not support app-only authentication; an App+User token is required.',
    'AppOnlyTokenNotAllowed',
  );
}

/**
 * 403 for an App+User token on an App-only endpoint (the enhanced attestation calls: "App-only
 * authentication only"). Code and name are the sandbox's own, like `appOnlyForbidden`.
 */
export function userTokenForbidden(): Reply {
  return pcError(
    403,
    900403,
    'This operation supports App-only authentication only; an App+User token was presented.',
    'AppUserTokenNotAllowed',
  );
}

export function allows(required: 'any' | TokenKind, kind: TokenKind): boolean {
  return required === 'any' || required === kind;
}
