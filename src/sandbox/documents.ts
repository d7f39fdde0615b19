import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock';
import { MCA_DOCUMENT_LANGUAGES } from '../partner-center/agreement-languages';
import { escapeHtml, html, type Reply } from './reply';

/** Documented lifetime of displayUri/downloadUri (reference §1.7). */
const DOCUMENT_LINK_TTL_MS = 5 * 60_000;
/** Expired links keep answering 410 (not 404) for this long, then are forgotten. */
const EXPIRED_RETENTION_MS = 60 * 60_000;
const MAX_LINKS = 10_000;

/** Which documents the emulated service publishes: the bot's own table (partner-center/agreement-languages.ts). */
export { MCA_DOCUMENT_LANGUAGES };

/** The documented fallbacks: country US, and en-US when the language is not offered for the country. */
export function resolveDocumentLanguage(country: string, language: string | null): string {
  if (!language) return 'en-US';
  const offered = MCA_DOCUMENT_LANGUAGES[country] ?? [];
  return offered.find((l) => l.toLowerCase() === language.toLowerCase()) ?? 'en-US';
}

interface DocumentLink {
  country: string;
  language: string;
  expiresAt: number;
}

/** Short-lived links to sandbox copies of the agreement, standing in for Microsoft's signed blob URLs. */
export class DocumentLinks {
  private readonly links = new Map<string, DocumentLink>();

  constructor(private readonly clock: Clock) {}

  create(country: string, language: string): string {
    this.prune();
    const id = randomBytes(16).toString('hex');
    this.links.set(id, { country, language, expiresAt: this.clock.now().getTime() + DOCUMENT_LINK_TTL_MS });
    return id;
  }

  /** Answers GET /sandbox/agreement-documents/{id}?mode=display|download. */
  serve(id: string, mode: string | null): Reply {
    const link = this.links.get(id);
    if (!link) return html(404, 'Unknown link', '<p>This agreement link is not known to the sandbox.</p>');
    if (this.clock.now().getTime() >= link.expiresAt) {
      return html(
        410,
        'Link expired',
        '<p>This link expired. Agreement links are valid for 5 minutes; request a new one.</p>',
      );
    }
    const title = `Microsoft Customer Agreement — ${link.country}, ${link.language} (sandbox copy)`;
    if (mode === 'download') {
      const filename = `MicrosoftCustomerAgreement_${link.country}_${link.language}_SANDBOX.txt`;
      return {
        status: 200,
        text: `${title}\n\nThis file is a stand-in served by the MCA Assist sandbox. It is not the agreement.\nThe real text: https://www.microsoft.com/licensing/docs/customeragreement\n`,
        contentType: 'text/plain; charset=utf-8',
        headers: { 'Content-Disposition': `attachment; filename="${filename}"` },
      };
    }
    return html(
      200,
      title,
      `<h1>${escapeHtml(title)}</h1><p>A stand-in page served by the MCA Assist sandbox; it is not the agreement.</p>`,
    );
  }

  clear(): void {
    this.links.clear();
  }

  private prune(): void {
    const now = this.clock.now().getTime();
    for (const [id, link] of this.links) {
      // Insertion order is creation order, so the first link still worth keeping ends the sweep.
      if (now < link.expiresAt + EXPIRED_RETENTION_MS && this.links.size < MAX_LINKS) break;
      this.links.delete(id);
    }
  }
}
