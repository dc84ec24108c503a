/**
 * Collects the calls made during one turn of the event loop and hands them to `flush` together: concurrent requests
 * then share one database statement or one Redis round trip instead of paying one each. `flush` answers every item
 * (in order); if it throws, every caller of that batch gets the error.
 */
export function tickBatch<I, O>(flush: (items: I[]) => Promise<O[]>): (item: I) => Promise<O> {
  let pending: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  const run = async () => {
    const batch = pending;
    pending = [];
    try {
      const results = await flush(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => entry.resolve(results[i] as O));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length === 1) setImmediate(() => void run());
    });
}
