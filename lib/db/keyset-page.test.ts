import { describe, expect, it } from "vitest";
import { PgDialect, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { z } from "zod";
import {
  decodeCursor,
  encodeCursor,
  pagePositionSchema,
  readPage,
  timeUuidCursor,
  type Cursor,
  type PagePosition,
} from "./keyset-page";

const items = pgTable("items", { id: uuid("id"), name: text("name") });
const dialect = new PgDialect();
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const time = "2026-06-01T12:00:00.000Z";
const nameUuidCursor = z.tuple([z.string(), z.uuid()]);

describe("page cursors", () => {
  it("round-trips and refuses what does not fit the list's shape", () => {
    const cursor: Cursor = [time, id(1)];
    expect(decodeCursor(encodeCursor(cursor), timeUuidCursor)).toEqual(cursor);
    for (const raw of ["", "not base64 at all", encodeCursor(["yesterday", id(1)]), encodeCursor([time, "1 or 1=1"])])
      expect(decodeCursor(raw, timeUuidCursor)).toBeNull();
  });

  it("reads after / before from search parameters, and says when a link is not one", () => {
    const schema = pagePositionSchema(timeUuidCursor);
    const raw = encodeCursor([time, id(2)]);
    expect(schema.parse({})).toBeNull();
    expect(schema.parse({ after: raw })).toEqual({ after: [time, id(2)] });
    expect(schema.parse({ before: raw, status: "failed" })).toEqual({ before: [time, id(2)] });
    const bad = schema.safeParse({ after: "x" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("This page link is not valid: go back to the first page.");
  });
});

// A list of 7 rows named 1..7, read 3 at a time by name ascending, through readPage's own bound and order.
const ROWS = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ name: `n${n}`, id: id(n) }));
const order = { key: items.name, id: items.id, descending: false };

async function page(position: PagePosition) {
  const seen: string[] = [];
  const result = await readPage<(typeof ROWS)[number]>({
    order,
    position,
    size: 3,
    cursorOf: (row) => [row.name, row.id],
    // What Postgres would answer to the bound and order readPage built (names sort like the rows' order here).
    query: async (bound, orderBy, limit) => {
      const orderSql = orderBy.map((o) => dialect.sqlToQuery(o).sql).join(", ");
      seen.push(bound ? dialect.sqlToQuery(bound).sql : "", orderSql);
      const backwards = orderSql.includes("desc");
      const pivot = bound ? String(dialect.sqlToQuery(bound).params[0]) : null;
      const rows = backwards ? [...ROWS].reverse() : ROWS;
      return rows.filter((r) => pivot === null || (backwards ? r.name < pivot : r.name > pivot)).slice(0, limit);
    },
  });
  return { ...result, names: result.items.map((r) => r.name), seen };
}

describe("readPage", () => {
  it("gives Next on the first page and no Previous", async () => {
    const first = await page(null);
    expect(first.names).toEqual(["n1", "n2", "n3"]);
    expect(first.previous).toBeNull();
    expect(decodeCursor(first.next ?? "", nameUuidCursor)).toEqual(["n3", id(3)]);
    expect(first.seen).toEqual(["", `"items"."name" asc, "items"."id" asc`]);
  });

  it("reads a next page with a row comparison bound and a previous page backwards, turned round", async () => {
    const second = await page({ after: ["n3", id(3)] });
    expect(second.names).toEqual(["n4", "n5", "n6"]);
    expect(second.seen[0]).toBe(`("items"."name", "items"."id") > ($1, $2)`);
    expect(second.previous).not.toBeNull();
    const last = await page({ after: ["n6", id(6)] });
    expect(last.names).toEqual(["n7"]);
    expect(last.next).toBeNull();
    const back = await page({ before: ["n4", id(4)] });
    expect(back.seen).toEqual([`("items"."name", "items"."id") < ($1, $2)`, `"items"."name" desc, "items"."id" desc`]);
    expect(back.names).toEqual(["n1", "n2", "n3"]);
    expect(back.previous).toBeNull();
    expect(back.next).not.toBeNull();
  });
});
