import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../core/logger';
import type { SandboxCustomer } from './types';
import type { SandboxWorld } from './world';

/**
 * What a sandbox restart must not lose: customers as they changed (accepted, related), Microsoft's
 * acceptance links, GDAP relationships, orders, sent mail — and the port, so links already in
 * e-mails and cards keep working. Short-lived things (document links, faults, counters) start over.
 */
export interface WorldState {
  version: 1;
  port: number;
  customers: SandboxCustomer[];
  attestations: ReturnType<SandboxWorld['enhancedAttestations']['dump']>;
  gdap: ReturnType<SandboxWorld['gdap']['dump']>;
  orders: ReturnType<SandboxWorld['orders']['dump']>;
  mail: ReturnType<SandboxWorld['mail']['dump']>;
}

/** The saved state, or undefined when there is none (or it is unreadable: the sandbox starts fresh). */
export function readWorldState(file: string, log: Logger): WorldState | undefined {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const state = JSON.parse(raw) as WorldState;
    if (state?.version === 1 && Array.isArray(state.customers)) return state;
  } catch {
    // fall through: a torn or foreign file is not worth failing the start for
  }
  log.warn({ file }, 'sandbox state file unreadable; starting from the demo data');
  return undefined;
}

export function restoreWorld(world: SandboxWorld, state: WorldState): void {
  world.customers.clear();
  for (const c of state.customers) world.addCustomer(c);
  world.enhancedAttestations.load(state.attestations);
  world.gdap.load(state.gdap);
  world.orders.load(state.orders);
  world.mail.load(state.mail);
}

function snapshot(world: SandboxWorld, port: number): WorldState {
  return {
    version: 1,
    port,
    customers: world.listCustomers(),
    attestations: world.enhancedAttestations.dump(),
    gdap: world.gdap.dump(),
    orders: world.orders.dump(),
    mail: world.mail.dump(),
  };
}

/**
 * Writes the world to `file` shortly after a change (coalesced) and at close; a temp file and a
 * rename keep a crash from leaving half a file.
 */
export function worldSaver(world: SandboxWorld, file: string, port: number, log: Logger) {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    timer = undefined;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(snapshot(world, port)));
      renameSync(tmp, file);
    } catch (err) {
      log.warn({ err, file }, 'could not save the sandbox state');
    }
  };
  return {
    changed(): void {
      timer ??= setTimeout(save, 50);
    },
    flush(): void {
      if (timer) clearTimeout(timer);
      save();
    },
  };
}
