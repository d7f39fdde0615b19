import { randomUUID } from 'node:crypto';

/** A message accepted by the sandbox's Graph `sendMail`; personal data stays in the sandbox. */
export interface SentMail {
  id: string;
  /** The `{mailbox}` of `/users/{mailbox}/sendMail` (the sender). */
  from: string;
  to: string[];
  subject: string;
  contentType: 'HTML' | 'Text';
  body: string;
  saveToSentItems: boolean;
  /** ISO time the sandbox accepted it. */
  sentAt: string;
}

/** Kept so long demos do not grow without bound; the oldest mails go first. */
const OUTBOX_LIMIT = 500;

/** Mails "sent" through the Graph stand-in, plus the switch that emulates a missing Mail.Send grant. */
export class MailOutbox {
  private mails: SentMail[] = [];
  /** False: sendMail answers 403 ErrorAccessDenied, like an app without Mail.Send or admin consent. */
  mailSendAllowed = true;

  add(mail: Omit<SentMail, 'id'>): SentMail {
    const stored = { ...mail, to: [...mail.to], id: randomUUID() };
    this.mails.push(stored);
    if (this.mails.length > OUTBOX_LIMIT) this.mails.shift();
    return { ...stored, to: [...stored.to] };
  }

  /** Oldest first. */
  list(): SentMail[] {
    return this.mails.map((m) => ({ ...m, to: [...m.to] }));
  }

  /** The mails as JSON data (sandbox restarts: persistence.ts). */
  dump(): SentMail[] {
    return this.list();
  }

  load(mails: SentMail[]): void {
    this.mails = mails.slice(-OUTBOX_LIMIT);
  }

  clear(): void {
    this.mails = [];
    this.mailSendAllowed = true;
  }
}
