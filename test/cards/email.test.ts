import { describe, expect, it } from 'vitest';
import { htmlString, plainString, renderEmailHtml } from '../../src/cards/email';
import { escapeHtml } from '../../src/cards/escape';
import { stringsFor } from '../../src/cards/i18n';

describe('e-mail templates', () => {
  it('escapes text fields, keeps HTML fields, and drops an empty optional block', () => {
    const fields = {
      intro: '<em>hi</em>',
      onHold: '',
      message: 'M',
      steps: 'S',
      reviewUrl: 'https://x/?a=1&b="2"',
      reviewLabel: 'Review <now>',
      downloadUrl: 'https://d',
      downloadLabel: 'Download',
      footer: 'Sent by P',
    };
    const html = renderEmailHtml('customer-request', fields);
    expect(html).toContain('<p><em>hi</em></p>');
    expect(html).toContain('href="https://x/?a=1&amp;b=&quot;2&quot;">Review &lt;now&gt;</a>');
    expect(html).not.toContain('<strong>');
    expect(html).not.toContain('{{');
    expect(renderEmailHtml('customer-request', { ...fields, onHold: 'A & B' })).toContain(
      '<p><strong>A &amp; B</strong></p>',
    );
  });

  it('turns Markdown bold into <strong> around escaped parameters, and drops it for plain text', () => {
    const s = stringsFor('en');
    const params = { partner: 'P <&> Q', company: 'C', signatory: 'S' };
    expect(htmlString(s, 'customer.message', params)).not.toContain('P <&> Q');
    expect(htmlString(s, 'customer.message', params)).toContain(escapeHtml('P <&> Q'));
    expect(plainString(s, 'customer.message', params)).not.toContain('**');
  });
});
