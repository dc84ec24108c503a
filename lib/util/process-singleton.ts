// One instance per process of things that hold connections. Next's dev server re-evaluates modules on each change,
// so a module-level `const` would open a new pool every time; the instances live on globalThis instead.
const store = globalThis as typeof globalThis & { sluiceSingletons?: Map<string, unknown> };

function singletons(): Map<string, unknown> {
  store.sluiceSingletons ??= new Map();
  return store.sluiceSingletons;
}

/** The process's instance under `key`, created on first use. */
export function processSingleton<T>(key: string, create: () => T): T {
  const existing = singletons().get(key);
  if (existing !== undefined) return existing as T;
  const created = create();
  singletons().set(key, created);
  return created;
}

/** The instance under `key` if one was created, without creating it. */
export function existingSingleton<T>(key: string): T | undefined {
  return singletons().get(key) as T | undefined;
}

/** Forgets the instance (after closing it), so the next use creates a fresh one. */
export function forgetSingleton(key: string): void {
  singletons().delete(key);
}
