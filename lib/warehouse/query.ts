import type postgres from "postgres";
import { warehouseSql } from "./client";
import { QueryError } from "./errors";
import { assertWarehouseSafe } from "./safety";
import {
  IDLE_IN_TRANSACTION_TIMEOUT_MS,
  LOCK_TIMEOUT_MS,
  QUERY_STATEMENT_TIMEOUT_MS,
  WAREHOUSE_ACQUIRE_TIMEOUT_MS,
} from "./timeouts";
import { firstRow } from "../db/first-row";

export { IDLE_IN_TRANSACTION_TIMEOUT_MS, LOCK_TIMEOUT_MS, QUERY_STATEMENT_TIMEOUT_MS, WAREHOUSE_ACQUIRE_TIMEOUT_MS };

export { QueryError };

export type QueryResult = { columns: string[]; rows: Record<string, unknown>[] };

/** Only the rows whose `column` equals `value` (compared in the database, as the column's type). */
export type RowFilter = { column: string; value: string };

type Tx = postgres.ReservedSql;

// Postgres's SQLSTATE classes that say what the query tried, in words an admin can act on.
const REASONS: Record<string, string> = {
  "42601": "The query must be exactly one SELECT (or WITH … SELECT) statement",
  "25006": "A report query may only read",
  "0A000": "A report query may only read",
  "42501": "The warehouse role is not allowed to do this",
  "42883": "The warehouse does not offer this function",
  "57014": "The query was stopped",
  "55P03": "The query waited too long for a lock",
  "25P03": "The query was idle in its transaction too long",
};

function queryError(error: unknown): unknown {
  if (error instanceof QueryError) return error;
  if (error instanceof Error && "severity" in error) {
    const code = "code" in error && typeof error.code === "string" ? error.code : "";
    const reason = REASONS[code];
    return new QueryError(reason ? `${reason}: ${error.message}` : error.message);
  }
  return error;
}

/**
 * The admin's SQL as the one statement sent: a subquery, so anything but a SELECT / WITH … SELECT is a syntax
 * error (a data-modifying WITH is refused in a subquery), and one unnamed prepared statement of the extended
 * protocol, so a `;` cannot start a second statement (`commit;`, DDL) as the simple protocol would allow.
 */
function wrapped(query: string, maxRows?: number, filter?: RowFilter): string {
  // One trailing semicolon (and comments after it) ends the statement; anything else after it is a second one.
  const trimmed = query.trim().replace(/;\s*(--[^\n]*\s*)*$/, "");
  // The line break keeps a trailing `-- comment` from swallowing the closing parenthesis.
  const limit = maxRows === undefined ? "" : ` limit ${Math.floor(maxRows)}`;
  // The value is always the statement's parameter $1; only the (checked, quoted) column name is in the text.
  const where = filter ? ` where sluice_query.${quoteIdentifier(filter.column)} = $1` : "";
  return `select * from (\n${trimmed}\n) as sluice_query${where}${limit}`;
}

/** A column name as a quoted SQL identifier: any character, a doubled `"` for a quote. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function extended(tx: Tx, text: string, parameters: string[] = []) {
  return tx.unsafe(text, parameters, { prepare: false, simple: false } as unknown as postgres.UnsafeQueryOptions);
}

/** One of the warehouse pool's connections, or a QueryError after WAREHOUSE_ACQUIRE_TIMEOUT_MS. */
async function acquire(): Promise<Tx> {
  const reserving = warehouseSql.reserve();
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), WAREHOUSE_ACQUIRE_TIMEOUT_MS);
  });
  try {
    const connection = await Promise.race([reserving, waited]);
    if (connection) return connection;
  } catch (error) {
    throw queryError(error);
  } finally {
    clearTimeout(timer);
  }
  // Given up: hand the connection back whenever it comes.
  reserving.then((connection) => connection.release()).catch(() => {});
  throw new QueryError(
    `The warehouse had no free connection within ${WAREHOUSE_ACQUIRE_TIMEOUT_MS / 1000} s; try again shortly`,
  );
}

/**
 * Runs `work` in a read-only transaction on a connection of the warehouse pool (whose sessions start with
 * statement, lock and idle-in-transaction timeouts, lib/warehouse/client.ts), waiting at most
 * WAREHOUSE_ACQUIRE_TIMEOUT_MS for it. The transaction always rolls back, so a setting changed with
 * set_config(…, false) or a large object created ends with it. Session advisory locks survive a rollback: one
 * left by a query that succeeded fails it, and whatever happened, the connection goes back to the pool without
 * any. `strict` (a save) also fails a query that changed a setting or a large object, which costs two more looks
 * at pg_settings: at run time the rollback is enough.
 */
async function inReadOnlyTransaction<T>(timeoutMs: number, work: (tx: Tx) => Promise<T>, strict = false): Promise<T> {
  await assertWarehouseSafe();
  const tx = await acquire();
  try {
    await tx.unsafe("begin isolation level repeatable read read only");
    // The pool's sessions start with the default timeout; a longer run sets its own.
    if (timeoutMs !== QUERY_STATEMENT_TIMEOUT_MS)
      await tx.unsafe(`set local statement_timeout = ${Math.floor(timeoutMs)}`);
    const before = strict ? await settingsDigest(tx) : null;
    const value = await work(tx);
    await refuseLeftovers(tx, before);
    return value;
  } catch (error) {
    throw queryError(error);
  } finally {
    await tx
      .unsafe("rollback; select pg_advisory_unlock_all()")
      .catch(() => {})
      .finally(() => tx.release());
  }
}

/** Session settings and the large objects the transaction sees: what a query that only reads leaves as it was. */
async function settingsDigest(tx: Tx): Promise<string> {
  const row = firstRow(
    await tx.unsafe<{ digest: string }[]>(
      `select md5(string_agg(name || '=' || coalesce(setting, ''), ',' order by name)) ||
         (select count(*) from pg_largeobject_metadata) as digest
       from pg_settings`,
    ),
  );
  return row.digest;
}

async function refuseLeftovers(tx: Tx, settingsBefore: string | null): Promise<void> {
  const { locks } = firstRow(
    await tx.unsafe<{ locks: number }[]>(
      "select count(*)::int as locks from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()",
    ),
  );
  if (locks > 0) {
    throw new QueryError("A report query may only read: it took an advisory lock (pg_advisory_lock)");
  }
  if (settingsBefore !== null && (await settingsDigest(tx)) !== settingsBefore) {
    throw new QueryError("A report query may only read: it changed a setting (set_config) or a large object");
  }
}

function columnNames(result: { columns?: readonly { name: string }[] | null }): string[] {
  return result.columns?.map((column) => column.name) ?? [];
}

/**
 * Runs admin-written SQL against the warehouse (see inReadOnlyTransaction) and returns its rows, at most maxRows.
 * Database errors come back as QueryError with the database's own message, prefixed with what it means.
 */
export async function runWarehouseQuery(
  query: string,
  options: { maxRows?: number; timeoutMs?: number; strict?: boolean } = {},
): Promise<QueryResult> {
  return inReadOnlyTransaction(
    options.timeoutMs ?? QUERY_STATEMENT_TIMEOUT_MS,
    async (tx) => {
      const result = await extended(tx, wrapped(query, options.maxRows));
      return { columns: columnNames(result), rows: [...result] as Record<string, unknown>[] };
    },
    options.strict,
  );
}

// Functions that act beyond reading: session settings, session locks, large objects, other connections, server
// files and processes. Found anywhere in the text (also inside a string handed to query_to_xml and the like); a
// spelling that slips past (a quoted name) still cannot take effect, see inReadOnlyTransaction.
const FORBIDDEN_CALL =
  /\b(set_config|pg_(?:try_)?advisory_\w+|lo_\w+|lowrite|loread|dblink\w*|pg_read_\w+|pg_ls_\w+|pg_stat_file|pg_file_\w+|pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_notify|nextval|setval)\s*\(/i;

/** The function a query may not call, or null. */
export function forbiddenCall(query: string): string | null {
  return FORBIDDEN_CALL.exec(query)?.[1]?.toLowerCase() ?? null;
}

/**
 * The check a report or model query passes when saved: no forbidden call, and it runs (one row read, so its
 * select list is evaluated once) — these are its columns.
 */
export async function checkWarehouseQuery(query: string): Promise<string[]> {
  const call = forbiddenCall(query);
  if (call) throw new QueryError(`A report query may only read: it calls ${call}(…), which acts beyond reading`);
  return (await runWarehouseQuery(query, { maxRows: 1, strict: true })).columns;
}

/**
 * Streams a query's rows in batches from a cursor: `onBatch` gets each batch (and the column names) and the next
 * batch is read only once it resolves, so memory holds one batch whatever the report's size. A `filter` is applied
 * by the database; its column must be one of the query's.
 */
export async function streamWarehouseQuery(
  query: string,
  options: { batchSize: number; maxRows?: number; timeoutMs?: number; filter?: RowFilter },
  onBatch: (rows: Record<string, unknown>[], columns: string[]) => Promise<void>,
): Promise<{ columns: string[]; rows: number }> {
  const { filter } = options;
  return inReadOnlyTransaction(options.timeoutMs ?? QUERY_STATEMENT_TIMEOUT_MS, async (tx) => {
    const text = wrapped(query, options.maxRows, filter);
    // The column names, even for a query that returns no row (a cursor then never calls back).
    const columns = columnNames(await extended(tx, wrapped(query, 0)));
    if (filter && !columns.includes(filter.column)) {
      throw new QueryError(
        `The report has no column "${filter.column}" to filter on (it returns: ${columns.join(", ")})`,
      );
    }
    let rows = 0;
    // The iterator, not the callback form: postgres.js neither awaits the callback for the last batch nor passes
    // on what it throws, while a throw here closes the portal and fails the transaction.
    for await (const batch of extended(tx, text, filter ? [filter.value] : []).cursor(options.batchSize)) {
      rows += batch.length;
      await onBatch(batch as unknown as Record<string, unknown>[], columns);
    }
    return { columns, rows };
  });
}
