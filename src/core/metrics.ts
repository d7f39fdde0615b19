/**
 * A tiny counter registry rendered in the Prometheus text format (`GET /metrics`). Counters only:
 * they are what the bot needs so far (webhook outcomes), and they need no client library.
 */
export type Labels = Readonly<Record<string, string>>;

export interface Counter {
  inc(labels?: Labels, by?: number): void;
  /** Current value for exactly these labels (tests and health checks). */
  value(labels?: Labels): number;
}

interface Family {
  help: string;
  values: Map<string, { labels: Labels; value: number }>;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function labelKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

export interface Metrics {
  /** Returns the counter of that name, creating it on first use. */
  counter(name: string, help: string): Counter;
  /** Prometheus text exposition format, version 0.0.4. */
  render(): string;
}

/**
 * @example
 * const metrics = createMetrics();
 * const events = metrics.counter('webhook_requests_total', 'Partner Center webhook requests by outcome');
 * events.inc({ outcome: 'accepted' });
 */
export function createMetrics(
  /** Told every increment (telemetry mirrors the counters to Azure Monitor). */
  onInc?: (name: string, labels: Labels, by: number) => void,
): Metrics {
  const families = new Map<string, Family>();
  return {
    counter(name, help) {
      if (!NAME.test(name)) throw new Error(`invalid metric name ${name}`);
      let family = families.get(name);
      if (!family) {
        family = { help, values: new Map() };
        families.set(name, family);
      }
      const values = family.values;
      return {
        inc(labels = {}, by = 1) {
          for (const key of Object.keys(labels))
            if (!LABEL.test(key)) throw new Error(`invalid label ${key}`);
          const key = labelKey(labels);
          const entry = values.get(key) ?? { labels: { ...labels }, value: 0 };
          entry.value += by;
          values.set(key, entry);
          onInc?.(name, labels, by);
        },
        value(labels = {}) {
          return values.get(labelKey(labels))?.value ?? 0;
        },
      };
    },
    render() {
      const lines: string[] = [];
      for (const [name, family] of families) {
        lines.push(`# HELP ${name} ${family.help.replace(/\n/g, ' ')}`, `# TYPE ${name} counter`);
        for (const { labels, value } of family.values.values()) {
          const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
          lines.push(`${name}${pairs.length ? `{${pairs.join(',')}}` : ''} ${value}`);
        }
      }
      return lines.join('\n') + '\n';
    },
  };
}
