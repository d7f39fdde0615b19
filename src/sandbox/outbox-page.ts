import { page } from './page';
import { escapeHtml, type Reply } from './reply';
import type { SandboxWorld } from './world';

/**
 * `GET /sandbox/outbox`: the mails sent through the Graph stand-in, newest first. Each HTML body is
 * shown in a sandboxed iframe (no scripts, no same-origin access), a Text body as escaped text.
 */
export function outboxPage(world: SandboxWorld): Reply {
  const mails = world.outbox().reverse();
  const items = mails.map((m) => {
    const content =
      m.contentType === 'HTML'
        ? `<iframe sandbox title="${escapeHtml(m.subject)}" srcdoc="${escapeHtml(m.body)}"></iframe>`
        : `<pre>${escapeHtml(m.body)}</pre>`;
    return (
      `<section class="mail"><h2>${escapeHtml(m.subject || '(no subject)')}</h2>` +
      `<dl><dt>From</dt><dd>${escapeHtml(m.from)}</dd><dt>To</dt><dd>${escapeHtml(m.to.join(', '))}</dd>` +
      `<dt>Sent</dt><dd>${escapeHtml(m.sentAt)}</dd></dl>${content}</section>`
    );
  });
  const body =
    `<h1>Sandbox outbox</h1><p>${mails.length === 0 ? 'No mail has been sent yet.' : `${mails.length} mail(s), newest first.`}</p>` +
    items.join('') +
    '<p class="note">Mail sent through the sandbox’s Microsoft Graph stand-in. Nothing leaves this machine.</p>';
  return page(200, { title: 'Sandbox outbox', body });
}
