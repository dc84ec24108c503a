/**
 * Maps items with at most `limit` calls in flight, keeping input order in the output. Once a call throws or `signal`
 * aborts, no new item is started; either way this settles only after every call in flight has ended, then throws the
 * first error (or the signal's reason). Settling earlier would let the caller release the run while sends are still
 * going out, and a retry could e-mail the same recipients again. `onStopping` hears of a failure that leaves calls in
 * flight.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
  options: { signal?: AbortSignal; onStopping?: (inFlight: number, error: unknown) => void } = {},
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let inFlight = 0;
  let failure: { error: unknown } | null = null;
  async function lane(): Promise<void> {
    while (!failure && !options.signal?.aborted && next < items.length) {
      const index = next++;
      inFlight++;
      try {
        results[index] = await fn(items[index] as T);
      } catch (error) {
        if (!failure) {
          failure = { error };
          if (inFlight > 1) options.onStopping?.(inFlight - 1, error);
        }
      } finally {
        inFlight--;
      }
    }
  }
  // Lanes never reject: each keeps its own failure, so this waits for all of them.
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
  options.signal?.throwIfAborted();
  return results;
}
