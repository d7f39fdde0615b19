import { GUID } from '../core/ids';
import { AppError } from '../core/errors';
import { createGraphHttp, type GraphHttpOptions } from './http';

export interface MailSenderOptions extends GraphHttpOptions {
  /** The setting that holds the app's client id, named when Graph answers 403. Default PARTNER_CENTER_CLIENT_ID. */
  appIdSetting?: string;
  /** The setting that holds the sender mailbox, named when Graph does not know it. Default MAIL_FROM. */
  fromSetting?: string;
  /** Graph's default, true: the partner finds what the bot sent in the mailbox's Sent Items. */
  saveToSentItems?: boolean;
}

export interface MailMessage {
  /** The sending mailbox: a UPN (or object id) of a mailbox in the partner tenant. */
  from: string;
  to: string;
  subject: string;
  /** A complete, already escaped HTML body. */
  html: string;
}

export interface MailSender {
  sendMail(message: MailMessage): Promise<void>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Sends HTML mail as a mailbox of the partner tenant through Microsoft Graph
 * (`POST /v1.0/users/{from}/sendMail`, app-only, needs the Mail.Send application permission).
 * Addresses, subjects and bodies are never logged.
 *
 * @example
 * const mail = createMailSender({ baseUrl: 'https://graph.microsoft.com', getToken: graphToken, log });
 * await mail.sendMail({ from: 'mca@fabrikam.example', to: signatoryEmail, subject, html });
 */
export function createMailSender(options: MailSenderOptions): MailSender {
  const graph = createGraphHttp(options);
  const appIdSetting = options.appIdSetting ?? 'PARTNER_CENTER_CLIENT_ID';
  const fromSetting = options.fromSetting ?? 'MAIL_FROM';
  const hints = {
    forbidden:
      `Grant the app registration whose client id is in ${appIdSetting} the Microsoft Graph Mail.Send ` +
      'application permission (Microsoft Entra ID › App registrations › API permissions) and grant admin ' +
      `consent. If an application access policy limits the app to some mailboxes, include the mailbox in ${fromSetting}.`,
    notFound: `Microsoft Graph does not know the sender mailbox. Set ${fromSetting} to a mailbox (UPN) in your partner tenant.`,
  };

  return {
    async sendMail({ from, to, subject, html }) {
      if (!EMAIL.test(from) && !GUID.test(from)) {
        throw new AppError(
          'CONFIG_INVALID',
          `${fromSetting} must be the e-mail address (UPN) of a mailbox in your tenant.`,
        );
      }
      if (!EMAIL.test(to))
        throw new AppError('INPUT_INVALID', 'The recipient address is not a valid e-mail address.');
      const cleanSubject = subject.replace(/[\r\n]+/g, ' ').trim();
      if (cleanSubject === '') throw new AppError('INPUT_INVALID', 'An e-mail needs a subject.');
      const message = {
        message: {
          subject: cleanSubject,
          body: { contentType: 'HTML', content: html },
          toRecipients: [{ emailAddress: { address: to } }],
        },
        saveToSentItems: options.saveToSentItems ?? true,
      };
      await graph.request<void>('POST', `/v1.0/users/${encodeURIComponent(from)}/sendMail`, message, {
        hints,
      });
      options.log.debug({ graph: 'sendMail' }, 'mail handed to Microsoft Graph');
    },
  };
}
