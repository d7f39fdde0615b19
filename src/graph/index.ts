/**
 * Microsoft Graph: a generic HTTP client (http.ts), app-only tokens (auth.ts) and the mail sender
 * (mail.ts). Everything outside this folder imports from here.
 */
export { createGraphHttp, redactPath } from './http';
export type { GraphHttp, GraphHttpOptions, GraphMethod, GraphRequestOptions } from './http';
export { toGraphError } from './errors';
export type { GraphHints } from './errors';
export { createGraphTokenProvider, GRAPH_APP_SCOPE } from './auth';
export type { GraphTokenOptions } from './auth';
export { createMailSender } from './mail';
export type { MailMessage, MailSender, MailSenderOptions } from './mail';
