import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/core/metrics';

describe('metrics', () => {
  it('renders counters in the Prometheus text format with escaped labels', () => {
    const metrics = createMetrics();
    const c = metrics.counter('mca_test_total', 'Things counted');
    c.inc({ outcome: 'accepted' });
    c.inc({ outcome: 'accepted' });
    c.inc({ outcome: 'say "hi"\n' }, 3);
    expect(metrics.render()).toBe(
      '# HELP mca_test_total Things counted\n# TYPE mca_test_total counter\n' +
        'mca_test_total{outcome="accepted"} 2\nmca_test_total{outcome="say \\"hi\\"\\n"} 3\n',
    );
    expect(c.value({ outcome: 'accepted' })).toBe(2);
  });

  it('returns the same counter for the same name and refuses invalid names', () => {
    const metrics = createMetrics();
    metrics.counter('a_total', 'A').inc();
    metrics.counter('a_total', 'A').inc();
    expect(metrics.counter('a_total', 'A').value()).toBe(2);
    expect(() => metrics.counter('bad name', 'x')).toThrow();
  });
});
