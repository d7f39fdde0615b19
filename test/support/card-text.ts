/** All visible text of an Adaptive Card (TextBlocks, facts, action titles), for content assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
    if (typeof n.title === 'string' && (n.type === undefined || String(n.type).startsWith('Action.')))
      out.push(n.title);
    if (typeof n.value === 'string' && n.title !== undefined && n.type === undefined) out.push(n.value);
    for (const [key, value] of Object.entries(n)) if (key !== 'refresh') walk(value);
  };
  walk(card);
  return out.join('\n');
}

/** Every Action.Execute in a card with its verb and data. */
export function executeActions(card: unknown): { title: string; verb: string; data: any }[] {
  const found: { title: string; verb: string; data: any }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, any>;
    if (n.type === 'Action.Execute') found.push({ title: n.title, verb: n.verb, data: n.data });
    for (const [key, value] of Object.entries(n)) if (key !== 'refresh') walk(value);
  };
  walk(card);
  return found;
}

export function openUrls(card: unknown): { title: string; url: string }[] {
  const found: { title: string; url: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, any>;
    if (n.type === 'Action.OpenUrl') found.push({ title: n.title, url: n.url });
    Object.values(n).forEach(walk);
  };
  walk(card);
  return found;
}
