import type { AgreementState } from './agreement-status';

/**
 * One colour per agreement state, the same in search results, the portfolio chart and its legend:
 * the Okabe–Ito palette, told apart with the common kinds of colour blindness. A marker emoji of
 * the nearest colour stands in where only text can go (message-extension result rows).
 */
export const STATE_PALETTE: Readonly<Record<AgreementState, { hex: string; marker: string }>> = {
  'accepted-attested': { hex: '#0072B2', marker: '🔵' },
  'accepted-directly': { hex: '#009E73', marker: '🟢' },
  'reacceptance-required': { hex: '#E69F00', marker: '🟠' },
  'not-accepted': { hex: '#D55E00', marker: '🔴' },
  unknown: { hex: '#999999', marker: '⚪' },
};
