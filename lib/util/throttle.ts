/**
 * Remembers when each key last passed and lets it through again only after `intervalMs`. Memory is bounded:
 * past `maxKeys` the memory is cleared, which at worst lets a few keys through early.
 */
export function createThrottle(intervalMs: number, maxKeys: number) {
  const lastPass = new Map<string, number>();
  return function shouldPass(key: string, now = Date.now()): boolean {
    const previous = lastPass.get(key);
    if (previous !== undefined && now - previous < intervalMs) return false;
    if (lastPass.size >= maxKeys) lastPass.clear();
    lastPass.set(key, now);
    return true;
  };
}
