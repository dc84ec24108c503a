import { describe, expect, it } from "vitest";
import { DomainError } from "../domain-error";
import { diffValueIds, parseModelValues } from "./refresh-values";

const columns = { idColumn: "id", labelColumn: "name" };

describe("parseModelValues", () => {
  it("turns ids and labels into text, skips null ids, keeps the first of a repeated id", () => {
    const values = parseModelValues(
      {
        columns: ["id", "name", "other"],
        rows: [
          { id: 1, name: "One" },
          { id: null, name: "Nobody" },
          { id: "1", name: "One again" },
          { id: 2n, name: null },
          { id: true, name: new Date("2026-01-01T00:00:00Z") },
        ],
      },
      columns,
    );
    expect(values).toEqual([
      { valueId: "1", label: "One" },
      { valueId: "2", label: "2" },
      { valueId: "true", label: "2026-01-01T00:00:00.000Z" },
    ]);
  });

  it("names a missing column", () => {
    expect(() => parseModelValues({ columns: ["id"], rows: [] }, columns)).toThrow(DomainError);
    expect(() => parseModelValues({ columns: ["id"], rows: [] }, columns)).toThrow(/label column "name"/);
  });

  it("refuses values that are not scalars", () => {
    expect(() => parseModelValues({ columns: ["id", "name"], rows: [{ id: { a: 1 }, name: "x" }] }, columns)).toThrow(
      /Row 1/,
    );
  });
});

describe("diffValueIds", () => {
  it("counts added and removed ids", () => {
    expect(diffValueIds(["a", "b", "c"], ["b", "c", "d", "e"])).toEqual({ added: 2, removed: 1 });
    expect(diffValueIds([], [])).toEqual({ added: 0, removed: 0 });
  });
});
