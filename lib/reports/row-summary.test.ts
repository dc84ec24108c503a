import { describe, expect, it } from "vitest";
import { PREVIEW_ROWS, RowSummary } from "./row-summary";

function digestOf(columns: string[], batches: Record<string, unknown>[][]): string {
  const summary = new RowSummary();
  for (const batch of batches) summary.add(columns, batch);
  return summary.finish(columns).digest;
}

describe("RowSummary", () => {
  const north = { region: "North", amount: "10.50" };
  const south = { region: "South", amount: null };
  const rows = [north, south];

  it("gives the same digest for the same rendered rows, however they were batched", () => {
    expect(digestOf(["region", "amount"], [rows])).toBe(digestOf(["region", "amount"], [[north], [south]]));
  });

  it("changes with any cell, the columns, or where one cell ends and the next begins", () => {
    const base = digestOf(["region", "amount"], [rows]);
    expect(digestOf(["region", "amount"], [[north, { region: "South", amount: "0" }]])).not.toBe(base);
    expect(digestOf(["region", "total"], [rows.map(({ region, amount }) => ({ region, total: amount }))])).not.toBe(
      base,
    );
    expect(digestOf(["a", "b"], [[{ a: "xy", b: "z" }]])).not.toBe(digestOf(["a", "b"], [[{ a: "x", b: "yz" }]]));
    expect(digestOf(["region", "amount"], [[]])).not.toBe(base);
  });

  it("keeps the first rows as text for the preview, and no more", () => {
    const summary = new RowSummary();
    const many = Array.from({ length: PREVIEW_ROWS + 5 }, (_, i) => ({ n: i, at: new Date(Date.UTC(2026, 0, 1)) }));
    summary.add(["n", "at"], many);
    const { preview } = summary.finish(["n", "at"]);
    expect(preview.columns).toEqual(["n", "at"]);
    expect(preview.rows).toHaveLength(PREVIEW_ROWS);
    expect(preview.rows[0]).toEqual(["0", "2026-01-01T00:00:00.000Z"]);
  });
});
