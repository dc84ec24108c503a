import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../domain-error";
import { checkReportQuery } from "../reports/repository";
import { checkSourceQuery } from "../semantic-models/repository";
import { sql } from "../db/client";
import { warehouseSql } from "./client";
import { closeWarehouseOwnerSql, warehouseOwnerSql } from "./owner";
import { runWarehouseQuery, streamWarehouseQuery } from "./query";

const PROGRAM_MARKER = `/tmp/sluice-escape-${process.pid}`;

/** What an escape could have changed, read as the database owner (who sees everything). */
async function worldState() {
  const owner = warehouseOwnerSql();
  const [state] = await owner<
    {
      owners: number;
      strayTables: number;
      largeObjects: number;
      advisoryLocks: number;
      users: number;
      tokens: number;
      auditTriggers: number;
    }[]
  >`
    select
      (select count(*)::int from warehouse.owners) as owners,
      (select count(*)::int from pg_tables where tablename like 'escape%') as "strayTables",
      (select count(*)::int from pg_largeobject_metadata) as "largeObjects",
      (select count(*)::int from pg_locks
         where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())
      ) as "advisoryLocks",
      (select count(*)::int from public.users) as users,
      (select count(*)::int from public.api_tokens) as tokens,
      (select count(*)::int from pg_trigger where tgname like 'audit_events_%' and tgenabled = 'O') as "auditTriggers"
  `;
  return state;
}

/** Session settings of every warehouse pool connection (run at once so each connection answers). */
async function poolSettings(): Promise<string[]> {
  const answers = await Promise.all(
    Array.from({ length: 5 }, () =>
      runWarehouseQuery(
        "select current_setting('work_mem') || ' ' || current_setting('search_path') || ' ' || current_user as s, pg_sleep(0.05)",
      ),
    ),
  );
  return [...new Set(answers.map((answer) => String(answer.rows[0].s)))];
}

async function refusalOf(query: string): Promise<string> {
  try {
    await checkReportQuery(query, "id");
  } catch (error) {
    if (error instanceof DomainError && error.fieldErrors) {
      expect(Object.keys(error.fieldErrors)).toEqual(["query"]);
      return error.fieldErrors.query?.join(" ") ?? "";
    }
    throw error;
  }
  return "accepted";
}

let before: Awaited<ReturnType<typeof worldState>>;

beforeAll(async () => {
  before = await worldState();
});

afterAll(async () => {
  await Promise.all([sql.end(), warehouseSql.end(), closeWarehouseOwnerSql()]);
});

describe("report queries run as the warehouse reader, one read-only SELECT", () => {
  it("connects as sluice_reader with the warehouse on the search path", async () => {
    const { rows } = await runWarehouseQuery("select current_user as who, count(*)::int as owners from owners");
    expect(rows).toEqual([{ who: "sluice_reader", owners: before.owners }]);
  });

  it("accepts an ordinary SELECT and a WITH … SELECT (with a trailing semicolon and comment)", async () => {
    expect(await refusalOf("select id, name from owners order by id; -- all of them")).toBe("accepted");
    expect(await refusalOf("with o as (select id from owners) select id from o;")).toBe("accepted");
  });

  // Each escape the issue lists, with the database's reason as the field error.
  it.each([
    [
      "a second statement after a closing parenthesis",
      "select 1 as id) s; commit; create table public.escape_x(x int); select * from (select 1 as id",
      /exactly one SELECT.*multiple commands/,
    ],
    ["commit;", "commit;", /exactly one SELECT.*syntax error/],
    ["commit then DDL", "commit; create table public.escape_y(x int)", /exactly one SELECT/],
    ["an INSERT", "insert into warehouse.owners values ('escape', 'x', 'x') returning id", /exactly one SELECT/],
    [
      "a data-modifying WITH",
      "with gone as (delete from warehouse.owners returning id) select id from gone",
      /may only read|top level/,
    ],
    ["DDL", "create table public.escape_z as select 1 as id", /exactly one SELECT/],
    ["set_config(…, false)", "select set_config('work_mem', '77kB', false) as id", /set_config/],
    ["set_config under a quoted name", `select "set_config"('work_mem', '78kB', false) as id`, /changed a setting/],
    ["SET ROLE through set_config", "select set_config('role', 'postgres', true) as id", /set_config/],
    ["a session advisory lock", "select pg_advisory_lock(424242) as id", /pg_advisory_lock/],
    ["an advisory lock under a quoted name", `select "pg_advisory_lock"(424243) as id`, /advisory lock/],
    ["COPY … TO PROGRAM", `copy (select 1) to program 'touch ${PROGRAM_MARKER}'`, /exactly one SELECT/],
    ["COPY … TO STDOUT", "copy warehouse.owners to stdout", /exactly one SELECT/],
    ["dblink", "select * from dblink('dbname=postgres', 'create table escape_d(x int)') as t(id int)", /dblink/],
    ["a large object created", "select lo_create(0) as id", /lo_create/],
    ["a large object under a quoted name", `select "lo_create"(0) as id`, /may only read.*large object/],
    ["a server file read", "select pg_read_file('/etc/hostname') as id", /pg_read_file/],
    ["the app's users table", "select id, password_hash from public.users", /not allowed.*permission denied/],
    ["the app's token digests", "select id from public.api_tokens", /not allowed.*permission denied/],
    [
      "the audit trigger switched off",
      "select 1 as id) s; alter table public.audit_events disable trigger all; select * from (select 1 as id",
      /exactly one SELECT/,
    ],
  ])("refuses %s with a field error on Query", async (_label, query, reason) => {
    expect(await refusalOf(query)).toMatch(reason);
  });

  it("refuses the same escapes on a semantic model's Source query", async () => {
    const attempt = checkSourceQuery({
      sourceQuery: "select 1 as id) s; commit; create table public.escape_m(x int); select * from (select 1 as id",
      labelColumn: "id",
      idColumn: "id",
    });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({
      fieldErrors: { sourceQuery: [expect.stringMatching(/one SELECT/)] },
    });
  });

  it("refuses an escape at run time too (a query stored before these checks), and streams only SELECTs", async () => {
    await expect(runWarehouseQuery(`select "pg_advisory_lock"(424244) as id`)).rejects.toThrow(/advisory lock/);
    // A query that takes a session lock and then fails cannot leave the lock on the pooled connection either.
    await expect(runWarehouseQuery(`select pg_advisory_lock(424245) as id, 1 / 0 as boom`)).rejects.toThrow(
      /division by zero/,
    );
    await expect(
      streamWarehouseQuery("select 1 as id; create table public.escape_s(x int)", { batchSize: 10 }, async () => {}),
    ).rejects.toThrow(/one SELECT/);
  });

  it("leaves nothing changed: no table, row, large object, lock, setting, file or trigger", async () => {
    expect(await worldState()).toEqual(before);
    expect(await poolSettings()).toEqual(["4MB warehouse sluice_reader"]);
    expect(existsSync(PROGRAM_MARKER)).toBe(false);
  });
});
