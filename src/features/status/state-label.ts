import type { LocaleKey } from '../../cards/i18n';
import type { AgreementState } from './agreement-status';

/** An agreement state's short name, the same on every card, chart and CSV that shows it. */
export const STATE_LABEL: Readonly<Record<AgreementState, LocaleKey>> = {
  'accepted-attested': 'state.accepted-attested',
  'accepted-directly': 'state.accepted-directly',
  'reacceptance-required': 'state.reacceptance-required',
  'not-accepted': 'state.not-accepted',
  unknown: 'state.unknown',
};
