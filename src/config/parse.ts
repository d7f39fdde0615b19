import { GUID } from '../core/ids';
/** Small parsers for environment variables; each names the variable and the expected shape. */
export type Env = Record<string, string | undefined>;

/** Collects every problem, so one start-up names them all. */
export class Problems {
  readonly list: string[] = [];
  add(name: string, message: string): void {
    this.list.push(`${name}: ${message}`);
  }
}

export function str(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function int(env: Env, p: Problems, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    p.add(name, `must be a whole number from ${min} to ${max}, got "${raw}".`);
    return fallback;
  }
  return value;
}

export function bool(env: Env, p: Problems, name: string, fallback: boolean): boolean {
  const raw = str(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  p.add(name, `must be true or false, got "${raw}".`);
  return fallback;
}

export function guid(env: Env, p: Problems, name: string, hint: string): string | undefined {
  const raw = str(env, name);
  if (raw !== undefined && !GUID.test(raw)) {
    p.add(name, `must be a GUID such as 7d1c0c2a-5f43-4c8e-9a3b-2f6d1e8b4a10 (${hint}).`);
    return undefined;
  }
  return raw?.toLowerCase();
}

export function httpsUrl(env: Env, p: Problems, name: string, fallback: string, allowHttp: boolean): string {
  const raw = str(env, name) ?? fallback;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) throw new Error('scheme');
    return raw.replace(/\/+$/, '');
  } catch {
    p.add(name, `must be an https URL, got "${raw}".`);
    return fallback;
  }
}

export function optionalUrl(env: Env, p: Problems, name: string): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  if (!/^https?:\/\/[^\s]+$/.test(raw)) p.add(name, `must be an http(s) URL, got "${raw}".`);
  return raw;
}

export { deepFreeze } from '../core/deep-freeze';
