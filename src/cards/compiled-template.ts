/**
 * Card templates turned into plain functions once, so a turn does not run adaptive-expressions for
 * every binding (7 % of a status turn's CPU, docs/benchmarks.md). Only the forms our templates use
 * are compiled, each giving what adaptivecards-templating gives:
 *
 * - a string that is one binding, `"${path}"`: the value itself (string, array, object …), where a
 *   path is `name`, `a.b`, `s['key']`, `$root.…`, `$data`;
 * - `$when`: `${path}`, `${!path}`, `${path != ''}`, `${path == ''}`, `${count(path) > 0}`;
 * - `$data`: a binding to an array (the object repeated per item, spliced into its array) or object;
 * - an object whose every repetition is dropped becomes `null`, and is left out of an array.
 *
 * A template using anything else is not compiled (`compileTemplate` returns undefined) and goes
 * through the library. Where the library's result would hinge on a corner of its expression
 * language — a value that is missing or null (it writes the binding back as text), a comparison
 * with something that is not a string, `!` of something not a boolean — the compiled function
 * throws `NeedsTemplating` and the caller expands that card with the library.
 */

/** This card, with this data, must be expanded by adaptivecards-templating. */
export class NeedsTemplating extends Error {}

interface Scope {
  root: Record<string, unknown>;
  data: unknown;
}
type Compiled = (scope: Scope) => unknown;
export type CompiledTemplate = (root: Record<string, unknown>) => unknown;

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const PATH = String.raw`\$?[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*|\['[^'\]]+'\])*`;
const BINDING = new RegExp(String.raw`^\$\{(${PATH})\}$`);
const WHEN = new RegExp(
  String.raw`^\$\{(?:(!)(${PATH})|(${PATH})(?: (!=|==) '')?|count\((${PATH})\) > 0)\}$`,
);

class Unsupported extends Error {}

/**
 * The template as a function of `$root`, or undefined when it uses a form not compiled here.
 *
 * @example
 * const expand = compileTemplate(json); const card = expand?.({ ...data, s, lang });
 */
export function compileTemplate(template: unknown): CompiledTemplate | undefined {
  try {
    const compiled = compileNode(template);
    return (root) => compiled({ root, data: root });
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

function compileNode(node: unknown): Compiled {
  if (typeof node === 'string') return compileString(node);
  if (Array.isArray(node)) return compileArray(node.map(compileNode));
  if (typeof node === 'object' && node !== null) return compileObject(node as Record<string, unknown>);
  return () => node;
}

function compileString(text: string): Compiled {
  if (!text.includes('${')) return () => text;
  const match = BINDING.exec(text);
  if (!match) throw new Unsupported(text);
  const read = compilePath(match[1]!);
  return (scope) => defined(read(scope));
}

function compileArray(items: Compiled[]): Compiled {
  return (scope) => {
    const out: unknown[] = [];
    for (const item of items) {
      const value = item(scope);
      if (value === null) continue;
      if (Array.isArray(value)) out.push(...(value as unknown[]));
      else out.push(value);
    }
    return out;
  };
}

function compileObject(node: Record<string, unknown>): Compiled {
  const keys = Object.keys(node).filter((k) => !RESERVED.has(k));
  const values = keys.map((k) => compileNode(node[k]));
  const when = node.$when === undefined ? undefined : compileWhen(node.$when);
  if (node.$data !== undefined && !(typeof node.$data === 'string' && BINDING.test(node.$data)))
    throw new Unsupported('$data');
  const dataOf = node.$data === undefined ? undefined : compileNode(node.$data);
  const single = (scope: Scope): Record<string, unknown> | undefined => {
    if (when && !when(scope)) return undefined;
    const result: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) result[keys[i]!] = values[i]!(scope);
    return result;
  };
  return (scope) => {
    if (!dataOf) return single(scope) ?? null;
    const data = dataOf(scope);
    const contexts = Array.isArray(data) ? (data as unknown[]) : [data];
    const results: Record<string, unknown>[] = [];
    for (const item of contexts) {
      const expanded = single({ root: scope.root, data: defined(item) });
      if (expanded) results.push(expanded);
    }
    return results.length === 0 ? null : results.length === 1 ? results[0] : results;
  };
}

function compileWhen(when: unknown): (scope: Scope) => boolean {
  const match = typeof when === 'string' ? WHEN.exec(when) : null;
  if (!match) throw new Unsupported(String(when));
  const [, not, notPath, path, op, countPath] = match;
  if (not) {
    const read = compilePath(notPath!);
    return (scope) => !boolean(read(scope));
  }
  if (countPath) {
    const read = compilePath(countPath);
    return (scope) => {
      const value = defined(read(scope));
      if (!Array.isArray(value) && typeof value !== 'string') throw new NeedsTemplating('count');
      return value.length > 0;
    };
  }
  const read = compilePath(path!);
  if (!op) return (scope) => defined(read(scope)) === true;
  return (scope) => (string(read(scope)) === '') === (op === '==');
}

/** `a.b`, `s['key']`, `$root.x`, `$data`: read from `$data` unless it starts at `$root`/`$data`. */
function compilePath(path: string): Compiled {
  const steps = [...path.matchAll(/\['([^']+)'\]|\.?([$\w]+)/g)].map((m) => (m[1] ?? m[2])!);
  const first = steps[0]!;
  const from = first === '$root' || first === '$data' ? steps.shift() : '$data';
  if (first.startsWith('$') && from !== first) throw new Unsupported(path);
  return (scope) => {
    let value: unknown = from === '$root' ? scope.root : scope.data;
    for (const step of steps) {
      if (typeof value !== 'object' || value === null) return undefined;
      value = Object.hasOwn(value, step) ? (value as Record<string, unknown>)[step] : undefined;
    }
    return value;
  };
}

function defined(value: unknown): unknown {
  if (value === undefined || value === null) throw new NeedsTemplating('missing value');
  return value;
}

function string(value: unknown): string {
  if (typeof value !== 'string') throw new NeedsTemplating('not a string');
  return value;
}

function boolean(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new NeedsTemplating('not a boolean');
  return value;
}
