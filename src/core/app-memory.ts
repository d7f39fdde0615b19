/**
 * What features keep in memory between turns, one per app (created in `src/app.ts`), instead of at
 * module scope: tests run several apps in one process, and what one instance holds is its own —
 * anything instances must share lives in the store or in `src/coordination/`.
 *
 * @example
 * const state = services.memory.slot('customer-directory', () => ({ refreshing: false }));
 */
export interface AppMemory {
  /** The state kept under `name`, created by `create` on first use. */
  slot<T extends object>(name: string, create: () => T): T;
}

export function createAppMemory(): AppMemory {
  const slots = new Map<string, object>();
  return {
    slot<T extends object>(name: string, create: () => T): T {
      let state = slots.get(name);
      if (!state) slots.set(name, (state = create()));
      return state as T;
    },
  };
}
