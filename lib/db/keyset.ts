import { desc, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/** Where a newest-first page ends: the last row's creation time and id (ties on the time break by id). */
export type KeysetCursor = { createdAt: string; id: string };

type KeysetColumns = { createdAt: PgColumn; id: PgColumn };

/**
 * The condition for rows after the cursor in (createdAt desc, id desc) order; undefined on the first page. One row
 * comparison, which Postgres turns into a bound on the (created_at, id) index rather than a filter over every row
 * before it.
 */
export function olderThan(columns: KeysetColumns, after: KeysetCursor | null): SQL | undefined {
  if (!after) return undefined;
  const at = new Date(after.createdAt).toISOString();
  return sql`(${columns.createdAt}, ${columns.id}) < (${at}, ${after.id})`;
}

/** The order that matches olderThan and the (created_at desc, id desc) indexes. */
export function newestFirst(columns: KeysetColumns): SQL[] {
  return [desc(columns.createdAt), desc(columns.id)];
}
