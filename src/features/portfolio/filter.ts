import { escapeMarkdown } from '../../cards/escape';
import { AppError } from '../../core/errors';
import { ACTION_STATES, type ActionState, type PortfolioFilter } from './types';

/** Words a partner may type after `pending`, and the state each one means. */
const STATE_WORDS: Record<string, ActionState> = {
  'not-accepted': 'not-accepted',
  notaccepted: 'not-accepted',
  're-acceptance': 'reacceptance-required',
  reacceptance: 'reacceptance-required',
  'reacceptance-required': 'reacceptance-required',
  'cannot-tell': 'unknown',
  'cant-tell': 'unknown',
  unknown: 'unknown',
};
// People say UK; ISO 3166 (and Partner Center) says GB.
const COUNTRY_ALIASES: Record<string, string> = { UK: 'GB' };
const regions = new Intl.DisplayNames(['en'], { type: 'region' });
const USAGE =
  'Use a country code (for example `pending de`) and/or a state: `not-accepted`, `re-acceptance` or `cannot-tell`.';

function isCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  const name = regions.of(code);
  return name !== undefined && name !== code && name !== 'Unknown Region';
}

/**
 * Reads the filters typed after `pending`: at most one country and one state, in any order.
 *
 * @example
 * parseFilter('de not-accepted') // { country: 'DE', state: 'not-accepted' }
 */
export function parseFilter(args: string): PortfolioFilter {
  const filter: PortfolioFilter = {};
  for (const raw of args.split(/[\s,]+/).filter(Boolean)) {
    const word = raw.toLowerCase().replace(/[’']/g, '');
    const state = STATE_WORDS[word];
    const upper = word.toUpperCase();
    const country = COUNTRY_ALIASES[upper] ?? upper;
    const shown = escapeMarkdown(raw, 40);
    if (state || isCountry(country)) {
      if (state ? filter.state : filter.country) {
        throw new AppError(
          'INPUT_INVALID',
          `“${shown}” is a second ${state ? 'state' : 'country'}. ${USAGE}`,
        );
      }
      if (state) filter.state = state;
      else filter.country = country;
      continue;
    }
    // What the user typed goes into the card: escaped, never as Markdown.
    throw new AppError('INPUT_INVALID', `I don't know the filter “${shown}”. ${USAGE}`);
  }
  return filter;
}

/** The filter carried in card data or a link (user-controlled): anything unexpected is refused. */
export function filterFrom(data: Record<string, unknown>): PortfolioFilter {
  const { country, state } = data;
  const filter: PortfolioFilter = {};
  if (country !== undefined && country !== '') {
    if (typeof country !== 'string' || !isCountry(country)) throw badData();
    filter.country = country;
  }
  if (state !== undefined && state !== '') {
    if (!ACTION_STATES.includes(state as ActionState)) throw badData();
    filter.state = state as ActionState;
  }
  return filter;
}

function badData(): AppError {
  return new AppError('INPUT_INVALID', `This card carries a filter I don't know. ${USAGE}`);
}
