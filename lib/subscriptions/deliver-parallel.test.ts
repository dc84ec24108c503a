import { describe, expect, it } from "vitest";
import { mapWithConcurrency } from "./deliver-parallel";

describe("mapWithConcurrency", () => {
  it("keeps order and never exceeds the limit", async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapWithConcurrency([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight--;
      return n * 2;
    });
    expect(out).toEqual([10, 2, 8, 4, 6, 0, 12]);
    expect(peak).toBe(3);
  });
});

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("mapWithConcurrency when a call fails", () => {
  it("settles only after the calls in flight have ended, starts no new one, and throws the first error", async () => {
    const slow = deferred<string>();
    const started: string[] = [];
    const stopping: number[] = [];
    let settled = false;
    const mapping = mapWithConcurrency(
      ["slow", "bad", "later"],
      2,
      async (item) => {
        started.push(item);
        if (item === "bad") throw new Error("database error");
        return item === "slow" ? slow.promise : item;
      },
      { onStopping: (inFlight) => stopping.push(inFlight) },
    ).finally(() => (settled = true));
    const outcome = mapping.catch((error: Error) => error.message);

    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    expect(stopping).toEqual([1]);
    slow.resolve("slow");
    expect(await outcome).toBe("database error");
    expect(started).toEqual(["slow", "bad"]);
  });

  it("stops taking items once the signal aborts and throws its reason after the calls in flight", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const outcome = mapWithConcurrency(
      [1, 2, 3, 4],
      1,
      async (n) => {
        started.push(n);
        if (n === 2) controller.abort(new Error("stalled"));
        return n;
      },
      { signal: controller.signal },
    ).catch((error: Error) => error.message);
    expect(await outcome).toBe("stalled");
    expect(started).toEqual([1, 2]);
  });
});
