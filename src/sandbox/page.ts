import { escapeHtml, type Reply } from './reply';

const STYLE = `
body{font-family:"Segoe UI",system-ui,sans-serif;margin:0;background:#f5f5f5;color:#1b1b1b}
main{max-width:44rem;margin:2rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.5rem;margin-top:0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}dt{font-weight:600}
button{background:#0f6cbd;color:#fff;border:0;border-radius:4px;padding:.6rem 1.6rem;font-size:1rem;cursor:pointer}
.note{color:#616161;font-size:.85rem;margin-top:2rem}
.mail{border-top:1px solid #ddd;padding-top:1rem;margin-top:1rem}
iframe{width:100%;height:22rem;border:1px solid #ddd}
`;

/** A small styled HTML page for the sandbox's browser-facing routes (acceptance page, outbox). */
export function page(status: number, options: { lang?: string; title: string; body: string }): Reply {
  const text =
    `<!doctype html><html lang="${escapeHtml(options.lang ?? 'en')}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(options.title)}</title><style>${STYLE}</style></head>` +
    `<body><main>${options.body}</main></body></html>`;
  return {
    status,
    text,
    contentType: 'text/html; charset=utf-8',
    headers: { 'Cache-Control': 'no-store' },
  };
}
