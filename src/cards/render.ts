import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as ACData from 'adaptivecards-templating';
import { deepFreeze } from '../core/deep-freeze';
import { assetsDir } from './assets';
import { stringsFor, resolveLanguage, type Strings } from './i18n';

/** An Adaptive Card as JSON, ready to attach. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  [key: string]: unknown;
}

/** Card templates in `cards/*.json`; one typed render function per template lives beside this file. */
export type CardName =
  | 'status'
  | 'pick-customer'
  | 'help'
  | 'notice'
  | 'relationship-invite'
  | 'relationship-customer'
  | 'gdap-form'
  | 'gdap-status'
  | 'acceptance-form'
  | 'acceptance-request'
  | 'customer-request'
  | 'requests-list'
  | 'portfolio'
  | 'portfolio-progress'
  | 'history'
  | 'purchase-hold'
  | 'purchase-reminder'
  | 'failed-list'
  | 'customer-status'
  | 'customer-welcome'
  | 'customer-ask'
  | 'admin-center-message'
  | 'gdap-assign-form'
  | 'gdap-access';

const templates = new Map<CardName, ACData.Template>();
let templating: typeof ACData | undefined;

/**
 * adaptivecards-templating (with adaptive-expressions and its ANTLR parser) takes a third of the
 * start-up time: it is loaded by the first card, or by `loadTemplating()` once the server listens.
 */
export function loadTemplating(): typeof ACData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  templating ??= require('adaptivecards-templating') as typeof ACData;
  return templating;
}

function template(name: CardName): ACData.Template {
  let tpl = templates.get(name);
  if (!tpl) {
    const json: unknown = JSON.parse(readFileSync(path.join(assetsDir(), `${name}.json`), 'utf8'));
    tpl = new (loadTemplating().Template)(json);
    templates.set(name, tpl);
  }
  return tpl;
}

/** Cards already expanded, by a key naming everything they depend on; bounded, cleared when full. */
const reused = new Map<string, AdaptiveCard>();
const MAX_REUSED = 64;

/**
 * A card that depends only on what `key` names (language, partner, variant …) is expanded once and
 * the same card reused, frozen (shared between turns: code that tried to change it would fail loudly,
 * not change the next reply).
 */
export function reusedCard(key: string, expand: () => AdaptiveCard): AdaptiveCard {
  let card = reused.get(key);
  if (!card) {
    card = deepFreeze(expand());
    if (reused.size >= MAX_REUSED) reused.clear();
    reused.set(key, card);
  }
  return card;
}

/**
 * Expands a template with `$root = { s: strings, lang, ...data }`. Data must be escaped already
 * (see escape.ts); templating never evaluates `${…}` inside data values.
 */
export function renderTemplate(name: CardName, locale: string | undefined, data: object): AdaptiveCard {
  const s: Strings = stringsFor(locale);
  // Cards take a bare language code ("pt", not "pt-br").
  const lang = resolveLanguage(locale).split('-')[0];
  const card = template(name).expand({ $root: { ...data, s, lang } }) as AdaptiveCard;
  return card;
}
