import * as AC from 'adaptivecards';

/**
 * Problems with a card as Teams would see it: parse and validation events from the adaptivecards
 * package at version 1.5, plus what it does not check (verbs on Action.Execute, version, size,
 * template expressions left unexpanded).
 */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const json = JSON.stringify(card);
  if (json.includes('${'))
    problems.push(`unexpanded template expression: ${json.match(/.{0,40}\$\{[^}]*\}/)?.[0]}`);
  if (json.length > 80 * 1024)
    problems.push(`card is ${json.length} bytes (Teams limit ~100 KB, keep below 80 KB)`);
  const c = card as { version?: string; type?: string };
  if (c.type !== 'AdaptiveCard') problems.push('type is not AdaptiveCard');
  if (c.version !== '1.5') problems.push(`version ${c.version} (Teams Universal Actions need 1.5)`);

  // adaptivecards 3.0.6 checks `lang` with a /g regex whose lastIndex survives between calls, so
  // every second card would "fail"; reset it so each card is judged on its own.
  const langRegex = (AC.CardElement as unknown as { langProperty: { regEx?: RegExp } }).langProperty.regEx;
  if (langRegex) langRegex.lastIndex = 0;
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  for (let i = 0; i < ctx.eventCount; i++) problems.push(`parse: ${ctx.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);

  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.type === 'Action.Execute' && (typeof n.verb !== 'string' || n.verb === ''))
      problems.push('Action.Execute without verb');
    // mailto: is how a card hands the partner a ready e-mail (CustomerDelivery's forward result).
    if (n.type === 'Action.OpenUrl' && !/^(https?:\/\/|mailto:)/.test(String(n.url)))
      problems.push(`Action.OpenUrl with bad url ${String(n.url)}`);
    if (n.type === 'TextBlock' && (typeof n.text !== 'string' || n.text.trim() === ''))
      problems.push('empty TextBlock');
    Object.values(n).forEach(walk);
  };
  walk(card);
  return problems;
}

/** Every verb an Action.Execute in the card uses, including its refresh action. */
export function verbsOf(card: unknown): string[] {
  const verbs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.type === 'Action.Execute' && typeof n.verb === 'string') verbs.push(n.verb);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return verbs;
}
