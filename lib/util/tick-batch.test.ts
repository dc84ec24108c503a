import { describe, expect, it } from "vitest";
import { tickBatch } from "./tick-batch";

describe("tickBatch", () => {
  it("hands the calls of one turn of the event loop to one flush, answering each with its own result", async () => {
    const flushes: number[][] = [];
    const double = tickBatch(async (items: number[]) => {
      flushes.push(items);
      return items.map((n) => n * 2);
    });
    expect(await Promise.all([double(1), double(2), double(3)])).toEqual([2, 4, 6]);
    expect(await double(4)).toBe(8);
    expect(flushes).toEqual([[1, 2, 3], [4]]);
  });

  it("rejects every call of a batch whose flush fails, and the next batch starts afresh", async () => {
    let fail = true;
    const echo = tickBatch(async (items: string[]) => {
      if (fail) throw new Error("store away");
      return items;
    });
    const results = await Promise.allSettled([echo("a"), echo("b")]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await echo("c")).toBe("c");
  });
});
