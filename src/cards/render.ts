import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as ACData from 'adaptivecards-templating';
import { deepFreeze } from '../core/deep-freeze';
import { assetsDir } from './assets';
import { compileTemplate, NeedsTemplating, type CompiledTemplate } from './compiled-template';
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
const jsonTemplates = new Map<CardName, unknown>();
/** Compiled templates (compiled-template.ts); `null`: this one uses a form only the library expands. */
const compiledTemplates = new Map<CardName, CompiledTemplate | null>();
let templating: typeof ACData | undefined;

/**
 * adaptivecards-templating (with adaptive-expressions and its ANTLR parser) takes a third of the
 * start-up time and memory a turn never needs: it is loaded only when a card cannot be expanded by
 * its compiled template (compiled-template.ts: a value missing from the data).
 */
function loadTemplating(): typeof ACData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  templating ??= require('adaptivecards-templating') as typeof ACData;
  return templating;
}

function templateJson(name: CardName): unknown {
  let json = jsonTemplates.get(name);
  if (json === undefined) {
    json = JSON.parse(readFileSync(path.join(assetsDir(), `${name}.json`), 'utf8')) as unknown;
    jsonTemplates.set(name, json);
  }
  return json;
}

function template(name: CardName): ACData.Template {
  let tpl = templates.get(name);
  if (!tpl) {
    tpl = new (loadTemplating().Template)(templateJson(name));
    templates.set(name, tpl);
  }
  return tpl;
}

function compiled(name: CardName): CompiledTemplate | null {
  let fn = compiledTemplates.get(name);
  if (fn === undefined) {
    fn = compileTemplate(templateJson(name)) ?? null;
    compiledTemplates.set(name, fn);
  }
  return fn;
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
 * (see escape.ts); templating never evaluates `${…}` inside data values. The compiled template
 * does it when it can (compiled-template.ts), else adaptivecards-templating: the same card.
 */
export function renderTemplate(name: CardName, locale: string | undefined, data: object): AdaptiveCard {
  const root = rootOf(locale, data);
  const fast = compiled(name);
  if (fast) {
    try {
      return fast(root) as AdaptiveCard;
    } catch (err) {
      if (!(err instanceof NeedsTemplating)) throw err;
    }
  }
  return template(name).expand({ $root: root }) as AdaptiveCard;
}

/** The same card through adaptivecards-templating alone: what compiled templates are tested against. */
export function expandWithTemplating(name: CardName, locale: string | undefined, data: object): AdaptiveCard {
  return template(name).expand({ $root: rootOf(locale, data) }) as AdaptiveCard;
}

function rootOf(locale: string | undefined, data: object): Record<string, unknown> {
  const s: Strings = stringsFor(locale);
  // Cards take a bare language code ("pt", not "pt-br").
  const lang = resolveLanguage(locale).split('-')[0];
  return { ...data, s, lang };
}
