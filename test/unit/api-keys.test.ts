import { readFileSync } from 'node:fs';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApiKeyCheck, createKeyRateLimit } from '../../src/http/api-keys';

const KEYS = [
  'first-key-0123456789abcdef',
  'second-key-0123456789abcdef-longer',
  'third-key-0123456789abcdef',
];

describe('purchase API keys', () => {
  it('finds the key by position and refuses anything but a known Bearer key', () => {
    const check = createApiKeyCheck(KEYS);
    expect(check(`Bearer ${KEYS[1]}`)).toBe(1);
    expect(check(`bearer ${KEYS[2]}`)).toBe(2);
    expect(check(`Bearer ${KEYS[1]}x`)).toBe(-1);
    expect(check(`Basic ${KEYS[0]}`)).toBe(-1);
    expect(check(undefined)).toBe(-1);
    expect(createApiKeyCheck([])(`Bearer ${KEYS[0]}`)).toBe(-1);
  });

  it('compares in constant time: equal-length digests, every key, match or not', () => {
    const calls: [number, number][] = [];
    const spy = (a: Buffer, b: Buffer) => {
      calls.push([a.length, b.length]);
      return timingSafeEqual(a, b);
    };
    const check = createApiKeyCheck(KEYS, spy);
    check(`Bearer ${KEYS[0]}`);
    check('Bearer nope');
    expect(calls).toHaveLength(KEYS.length * 2);
    expect(calls.every(([a, b]) => a === 32 && b === 32)).toBe(true);
    const source = readFileSync(path.join(__dirname, '../../src/http/api-keys.ts'), 'utf8');
    expect(source).toContain('timingSafeEqual');
    expect(source).not.toMatch(/===\s*presented|presented\s*===/);
  });

  it('allows a minute’s worth per key, then says how long to wait', () => {
    let now = 0;
    const take = createKeyRateLimit(3, () => now);
    expect([take(0), take(0), take(0)]).toEqual([0, 0, 0]);
    expect(take(0)).toBeGreaterThan(0);
    expect(take(1)).toBe(0);
    now += 20_000;
    expect(take(0)).toBe(0);
  });
});
