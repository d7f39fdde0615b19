import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/cards/escape';

describe('escapeMarkdown', () => {
  it('escapes Markdown so names show literally', () => {
    expect(escapeMarkdown('*Star* [Labs](http://x)_')).toBe('\\*Star\\* \\[Labs\\]\\(http://x\\)\\_');
  });

  it('stops a leading number from becoming a list', () => {
    expect(escapeMarkdown('1. Company')).toBe('1\\. Company');
    expect(escapeMarkdown('- dash')).toBe('\\- dash');
  });

  it('removes control and bidi characters and folds line breaks', () => {
    expect(escapeMarkdown('a\u0007b\u202Ec\nd')).toBe('abc d');
  });

  it('shortens very long text', () => {
    const out = escapeMarkdown('x'.repeat(500), 100);
    expect(out).toHaveLength(100);
    expect(out.endsWith('…')).toBe(true);
  });

  it('leaves ordinary names alone', () => {
    expect(escapeMarkdown('Müller & Söhne GmbH')).toBe('Müller & Söhne GmbH');
    expect(escapeMarkdown('株式会社ノースウィンド商事')).toBe('株式会社ノースウィンド商事');
  });
});
