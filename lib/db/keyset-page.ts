import { asc, desc, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { hasPlausibleYear } from "../forms/zod-helpers";

/**
 * A console list's order: a sort column, then a unique id that breaks ties, both in the same direction, so that one
 * (key, id) btree index serves the first page, every next page and every previous page, however deep.
 */
export type KeysetOrder = { key: PgColumn; id: PgColumn; descending: boolean };

/** Where a page starts: the first page, the rows after a row (Next) or the rows before it (Previous). */
export type PagePosition = { after: Cursor } | { before: Cursor } | null;

/** A row's place in the order: its sort key and id, both as text (a timestamp as ISO 8601). */
export type Cursor = [key: string, id: string];

export type KeysetPage<T> = { items: T[]; next: string | null; previous: string | null };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** The cursor in a page link, checked against the list's own key and id shapes; null when it is not one. */
export function decodeCursor(raw: string, shape: z.ZodType<Cursor>): Cursor | null {
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Cursor shapes: a millisecond timestamp, then a uuid or a bigserial id. */
const cursorTime = z.iso.datetime({ offset: true }).refine(hasPlausibleYear);
export const timeUuidCursor = z.tuple([cursorTime, z.uuid()]);
export const timeSerialCursor = z.tuple([cursorTime, z.string().regex(/^\d{1,18}$/)]);

const pageLink = z.string().max(2000);

/**
 * The `after` / `before` search parameters of a list page, decoded with the list's cursor shape. A link this console
 * did not make gives a field error, never a query.
 */
export function pagePositionSchema(shape: z.ZodType<Cursor>) {
  return z
    .object({ after: pageLink.optional(), before: pageLink.optional() })
    .transform((params, ctx): PagePosition => {
      const raw = params.after ?? params.before;
      if (raw === undefined) return null;
      const cursor = decodeCursor(raw, shape);
      if (!cursor) {
        ctx.addIssue({ code: "custom", message: "This page link is not valid: go back to the first page." });
        return z.NEVER;
      }
      return params.after !== undefined ? { after: cursor } : { before: cursor };
    });
}

// (key, id) > / < (cursor) as one row comparison: Postgres turns it into an index bound, where the equivalent
// `key < a or (key = a and id < b)` would be a filter over every row from the start of the index.
function beyond(order: KeysetOrder, cursor: Cursor, towardsEnd: boolean): SQL {
  const later = order.descending !== towardsEnd ? sql`>` : sql`<`;
  return sql`(${order.key}, ${order.id}) ${later} (${cursor[0]}, ${cursor[1]})`;
}

function orderBy(order: KeysetOrder, reversed: boolean): SQL[] {
  const down = order.descending !== reversed;
  return down ? [desc(order.key), desc(order.id)] : [asc(order.key), asc(order.id)];
}

/**
 * Reads one page in keyset order. `query` gets the bound (undefined on the first page), the order and the limit
 * (size + 1, to tell whether a further page exists); a previous page is read backwards and turned round.
 */
export async function readPage<T>(options: {
  order: KeysetOrder;
  position: PagePosition;
  size: number;
  cursorOf: (row: NoInfer<T>) => Cursor;
  query: (bound: SQL | undefined, orderBy: SQL[], limit: number) => PromiseLike<T[]>;
}): Promise<KeysetPage<T>> {
  const { order, position, size, cursorOf } = options;
  const backwards = position !== null && "before" in position;
  const bound =
    position === null ? undefined : beyond(order, "after" in position ? position.after : position.before, !backwards);
  const rows = await options.query(bound, orderBy(order, backwards), size + 1);
  const more = rows.length > size;
  const items = rows.slice(0, size);
  if (backwards) items.reverse();
  const first = items[0];
  const last = items.at(-1);
  // Coming back from a later page, rows after this one exist; coming from an earlier page, rows before it do.
  const hasNext = backwards ? true : more;
  const hasPrevious = backwards ? more : position !== null;
  return {
    items,
    next: hasNext && last ? encodeCursor(cursorOf(last)) : null,
    previous: hasPrevious && first ? encodeCursor(cursorOf(first)) : null,
  };
}

/** A timestamp as a cursor key: ISO 8601, exact for the millisecond-precision columns the lists order by. */
export function timeKey(at: Date): string {
  return at.toISOString();
}
