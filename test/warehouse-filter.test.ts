import { afterAll, describe, expect, it } from "vitest";
import { warehouseSql } from "../lib/warehouse/client";
import { QueryError, quoteIdentifier, streamWarehouseQuery } from "../lib/warehouse/query";

afterAll(async () => {
  await warehouseSql.end({ timeout: 5 });
});

/** Every row the filtered query streams. */
async function filtered(query: string, column: string, value: string) {
  const rows: Record<string, unknown>[] = [];
  await streamWarehouseQuery(query, { batchSize: 100, filter: { column, value } }, async (batch) => {
    rows.push(...batch);
  });
  return rows;
}

describe("a report read for one filter value", () => {
  it("quotes the column name: any name the query returns can be filtered on", async () => {
    expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
    const query = `select g as id, 'v' || (g % 3) as "Odd ""name""" from generate_series(1, 9) as g`;
    expect((await filtered(query, 'Odd "name"', "v1")).map((row) => row.id)).toEqual([1, 4, 7]);
  });

  it("passes the value as a parameter, compared as the column's type", async () => {
    const query = "select g as id, g * 1.5 as amount, date '2026-01-01' + g as day from generate_series(1, 5) as g";
    expect((await filtered(query, "amount", "3.0")).map((row) => row.id)).toEqual([2]);
    expect((await filtered(query, "day", "2026-01-04")).map((row) => row.id)).toEqual([3]);
    // What would break out of a string-built literal is only a value here, matching nothing.
    expect(await filtered("select name from owners", "name", "x' or '1'='1")).toEqual([]);
  });

  it("refuses a column the query does not return, so no other SQL can ride in on the name", async () => {
    await expect(filtered("select id, name from owners", "name = name or true --", "x")).rejects.toThrow(
      new QueryError('The report has no column "name = name or true --" to filter on (it returns: id, name)'),
    );
  });
});
