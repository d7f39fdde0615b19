/**
 * A deliberately small YAML reader for config files like .m365agentsplayground.yml (no YAML library is
 * installed): block mappings, block sequences, comments, plain and quoted scalars with the YAML 1.2 core
 * schema (null, booleans, numbers). Anything else (flow collections, anchors, multi-line scalars, tabs)
 * throws instead of being misread.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  no: number;
  indent: number;
  text: string;
}

function stripComment(text: string, no: number): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || text[i - 1] === ' ')) {
      return text.slice(0, i).trimEnd();
    }
  }
  if (quote) throw new Error(`line ${no}: unterminated quote`);
  return text.trimEnd();
}

function scalar(raw: string, no: number): YamlValue {
  if (raw.startsWith('"')) {
    if (!raw.endsWith('"') || raw.length < 2) throw new Error(`line ${no}: bad double-quoted scalar`);
    return JSON.parse(raw) as string;
  }
  if (raw.startsWith("'")) {
    if (!raw.endsWith("'") || raw.length < 2) throw new Error(`line ${no}: bad single-quoted scalar`);
    return raw.slice(1, -1).replace(/''/g, "'");
  }
  if (/^[[{&*!|>%@`]/.test(raw)) throw new Error(`line ${no}: unsupported YAML syntax: ${raw}`);
  if (raw === '' || raw === '~' || /^(null|Null|NULL)$/.test(raw)) return null;
  if (/^(true|True|TRUE)$/.test(raw)) return true;
  if (/^(false|False|FALSE)$/.test(raw)) return false;
  if (/^[-+]?[0-9]+$/.test(raw) || /^0x[0-9a-fA-F]+$/.test(raw) || /^0o[0-7]+$/.test(raw)) return Number(raw);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(raw)) return Number(raw);
  return raw;
}

export function parseYaml(source: string): YamlValue {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((rawLine, i) => {
    if (/^\s*\t/.test(rawLine)) throw new Error(`line ${i + 1}: tabs are not allowed for indentation`);
    const text = stripComment(rawLine, i + 1);
    if (text.trim() === '' || text.trim() === '---') return;
    lines.push({ no: i + 1, indent: text.length - text.trimStart().length, text: text.trimStart() });
  });
  let pos = 0;

  const isItem = (l: Line): boolean => l.text === '-' || l.text.startsWith('- ');

  function block(indent: number): YamlValue {
    const first = lines[pos];
    if (!first || first.indent !== indent) throw new Error(`line ${first?.no ?? 'EOF'}: bad indentation`);
    return isItem(first) ? sequence(indent) : mapping(indent);
  }

  /** The value after "key:" or "- ": inline scalar, or a nested block on the following lines. */
  function valueAfter(rest: string, parentIndent: number, allowSameIndentSequence: boolean): YamlValue {
    if (rest !== '') return scalar(rest, lines[pos - 1]!.no);
    const next = lines[pos];
    if (next && next.indent > parentIndent) return block(next.indent);
    if (next && allowSameIndentSequence && next.indent === parentIndent && isItem(next))
      return sequence(next.indent);
    return null;
  }

  function sequence(indent: number): YamlValue[] {
    const out: YamlValue[] = [];
    while (pos < lines.length && lines[pos]!.indent === indent && isItem(lines[pos]!)) {
      const line = lines[pos]!;
      const rest = line.text === '-' ? '' : line.text.slice(2).trimStart();
      if (rest !== '' && /^[^"'][^:]*:( |$)|^["'][^"']*["']:( |$)/.test(rest)) {
        // "- key: value" starts a mapping whose keys sit at the column of "key".
        line.indent = indent + (line.text.length - rest.length);
        line.text = rest;
        out.push(mapping(line.indent));
      } else {
        pos++;
        out.push(valueAfter(rest, indent, false));
      }
    }
    return out;
  }

  function mapping(indent: number): { [key: string]: YamlValue } {
    const out: { [key: string]: YamlValue } = {};
    while (pos < lines.length && lines[pos]!.indent === indent && !isItem(lines[pos]!)) {
      const line = lines[pos]!;
      const m = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^"'\s][^:]*?):(?: +(.*))?$/.exec(line.text);
      if (!m) throw new Error(`line ${line.no}: expected "key: value", got: ${line.text}`);
      const key = String(scalar(m[1]!, line.no));
      if (key in out) throw new Error(`line ${line.no}: duplicate key ${key}`);
      pos++;
      out[key] = valueAfter((m[2] ?? '').trim(), indent, true);
    }
    return out;
  }

  if (lines.length === 0) return null;
  const doc = block(lines[0]!.indent);
  if (pos < lines.length) throw new Error(`line ${lines[pos]!.no}: unexpected content (bad indentation?)`);
  return doc;
}
