/**
 * How a card says where things stand: its header's container style and its headline's text colour,
 * always as one of these pairs. Yellow text fails WCAG AA on white and on the orange header, so a
 * warning's text stays the default colour and the header colour carries it.
 *
 * @example
 * renderTemplate('request', locale, { ...TONES[REQUEST_TONE[r.state]], … })
 */
export const TONES = {
  neutral: { style: 'emphasis', color: 'Default' },
  info: { style: 'emphasis', color: 'Accent' },
  good: { style: 'good', color: 'Good' },
  done: { style: 'default', color: 'Default' },
  warning: { style: 'warning', color: 'Default' },
  bad: { style: 'attention', color: 'Attention' },
} as const satisfies Record<string, { style: string; color: string }>;

export type Tone = keyof typeof TONES;
