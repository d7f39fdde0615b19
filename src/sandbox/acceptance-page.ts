import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptanceText, type AcceptanceText } from './acceptance-text';
import type { SandboxAttestation } from './attestation-store';
import { MCA_DOCUMENT_LANGUAGES, resolveDocumentLanguage } from './documents';
import { page } from './page';
import { escapeHtml, type Reply } from './reply';
import type { SandboxWorld } from './world';
import { readText, waitLatency, writeReply } from './write';

/**
 * The sandbox's stand-in for Microsoft's acceptance component (`/mca/?attestationid=…`). Like the
 * real one (reference enhanced-attestation.md §3) it needs no sign-in. The customer reads the
 * agreement and selects Accept, which posts to `/mca/accept` and marks the attestation accepted.
 */
export const ACCEPTANCE_PATHS: readonly string[] = ['/mca', '/mca/', '/mca/accept', '/mca/accept/'];

export async function handleAcceptancePage(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { world: SandboxWorld; signal: AbortSignal },
): Promise<void> {
  const accepting = url.pathname.startsWith('/mca/accept');
  let reply: Reply;
  if (accepting && req.method === 'POST') {
    const form = new URLSearchParams(await readText(req).catch(() => ''));
    reply = accept(deps.world, idFrom(form));
  } else if (!accepting && (req.method === 'GET' || req.method === 'HEAD')) {
    reply = show(deps.world, idFrom(url.searchParams));
  } else {
    reply = { ...page(405, { title: 'Method not allowed', body: '<p>Method not allowed.</p>' }) };
    reply.headers = { ...reply.headers, Allow: accepting ? 'POST' : 'GET' };
  }
  if (await waitLatency(deps.world.latencyMs, deps.signal)) writeReply(res, reply);
}

function idFrom(params: URLSearchParams): string {
  return (params.get('attestationid') ?? params.get('attestationId') ?? '').trim();
}

function show(world: SandboxWorld, id: string): Reply {
  const a = id ? world.enhancedAttestations.get(id) : undefined;
  if (!a) return unknown();
  const { lang, text } = acceptanceText(a.language);
  if (a.status === 'expired') return expired(lang, text);
  if (a.status !== 'pending')
    return done(a, lang, text, text.accepted.replace('{date}', formatDate(a.acceptedAt, lang)));
  const body =
    `<h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.intro)}</p>${facts(a, text)}` +
    `<p><a href="${escapeHtml(documentLink(world, a))}" target="_blank" rel="noopener">${escapeHtml(text.read)}</a></p>` +
    `<form method="post" action="/mca/accept"><input type="hidden" name="attestationid" value="${escapeHtml(a.attestationId)}">` +
    `<p>${escapeHtml(text.confirm)}</p><button type="submit">${escapeHtml(text.accept)}</button></form>` +
    note(text);
  return page(200, { lang, title: text.title, body });
}

function accept(world: SandboxWorld, id: string): Reply {
  const known = id ? world.enhancedAttestations.get(id) : undefined;
  if (!known) return unknown();
  const { lang, text } = acceptanceText(known.language);
  if (known.status === 'expired') return expired(lang, text);
  const a = world.acceptAttestation(known.attestationId);
  return done(
    a,
    lang,
    text,
    `${text.thanks} ${text.accepted.replace('{date}', formatDate(a.acceptedAt, lang))}`,
  );
}

function done(a: SandboxAttestation, lang: string, text: AcceptanceText, message: string): Reply {
  const body = `<h1>${escapeHtml(text.title)}</h1><p><strong>${escapeHtml(message)}</strong></p>${facts(a, text)}${note(text)}`;
  return page(200, { lang, title: text.title, body });
}

function expired(lang: string, text: AcceptanceText): Reply {
  return page(410, {
    lang,
    title: text.expiredTitle,
    body: `<h1>${escapeHtml(text.expiredTitle)}</h1><p>${escapeHtml(text.expired)}</p>${note(text)}`,
  });
}

function unknown(): Reply {
  const { text } = acceptanceText('en');
  return page(404, {
    title: text.unknownTitle,
    body: `<h1>${escapeHtml(text.unknownTitle)}</h1><p>${escapeHtml(text.unknown)}</p>${note(text)}`,
  });
}

function facts(a: SandboxAttestation, text: AcceptanceText): string {
  const name = `${a.signatory.firstName} ${a.signatory.lastName}`;
  return `<dl><dt>${escapeHtml(text.company)}</dt><dd>${escapeHtml(a.companyName)}</dd><dt>${escapeHtml(text.signatory)}</dt><dd>${escapeHtml(name)}</dd></dl>`;
}

function note(text: AcceptanceText): string {
  return `<p class="note">${escapeHtml(text.note)}</p>`;
}

/** A fresh 5-minute document link (documents.ts) in the attestation's country and language. */
function documentLink(world: SandboxWorld, a: SandboxAttestation): string {
  const offered = MCA_DOCUMENT_LANGUAGES[a.country] ?? [];
  // "de" alone picks the country's "de-DE"; a full tag goes through the documented fallback.
  const byPrefix =
    a.language.length === 2 ? offered.find((l) => l.startsWith(`${a.language.toLowerCase()}-`)) : undefined;
  const language = byPrefix ?? resolveDocumentLanguage(a.country, a.language);
  return `${world.baseUrl}/sandbox/agreement-documents/${world.documents.create(a.country, language)}?mode=display`;
}

function formatDate(iso: string | undefined, lang: string): string {
  const date = iso ? new Date(iso) : new Date(NaN);
  if (Number.isNaN(date.getTime())) return '';
  return (
    new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date) +
    ' UTC'
  );
}
