import { warehouseSql } from "../warehouse/client";

// A report or model query may not hold a warehouse connection longer than this.
export const QUERY_STATEMENT_TIMEOUT_MS = 30_000;

export class QueryError extends Error {}

export type QueryResult = { columns: string[]; rows: Record<string, unknown>[] };

/**
 * Runs admin-written SQL against the warehouse in a read-only transaction with a statement timeout, so a report
 * can neither change data nor hold a connection forever. Database errors come back as QueryError with the
 * database's own message.
 */
export async function runReadOnlyQuery(
  query: string,
  options: { maxRows?: number; timeoutMs?: number } = {},
): Promise<QueryResult> {
  const trimmed = query.trim().replace(/;\s*$/, "");
  const timeout = options.timeoutMs ?? QUERY_STATEMENT_TIMEOUT_MS;
  try {
    return await warehouseSql.begin("read only", async (tx) => {
      await tx.unsafe(`set local statement_timeout = ${Math.floor(timeout)}`);
      const sqlText = options.maxRows
        ? `select * from (${trimmed}) as report_rows limit ${Math.floor(options.maxRows)}`
        : trimmed;
      const result = await tx.unsafe(sqlText);
      const columns = result.columns?.map((c) => c.name) ?? [];
      return { columns, rows: [...result] as Record<string, unknown>[] };
    });
  } catch (error) {
    if (error instanceof Error && "severity" in error) throw new QueryError(error.message);
    throw error;
  }
}
