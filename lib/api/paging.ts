import { z } from "zod";
import { hasPlausibleYear } from "../forms/zod-helpers";
import { ApiError } from "./errors";
import { describeIssues } from "./body";
import type { KeysetCursor } from "../db/keyset";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

type Cursor = KeysetCursor;

const cursorSchema = z.object({ createdAt: z.iso.datetime({ offset: true }).refine(hasPlausibleYear), id: z.uuid() });

const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(200).optional(),
});

export type PageQuery = { limit: number; after: Cursor | null };

/** Parses `?limit=&cursor=`; any other parameter or a bad value is a 400. */
export function parsePageQuery(url: URL): PageQuery {
  const params = Object.fromEntries(url.searchParams);
  if (url.searchParams.size !== Object.keys(params).length)
    throw new ApiError("invalid_request", "Each query parameter may appear once.");
  const parsed = pageQuerySchema.safeParse(params);
  if (!parsed.success) throw new ApiError("invalid_request", describeIssues(parsed.error));
  return { limit: parsed.data.limit, after: parsed.data.cursor ? decodeCursor(parsed.data.cursor) : null };
}

function decodeCursor(raw: string): Cursor {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the 400 below
  }
  throw new ApiError("invalid_request", "cursor: not a cursor this API issued");
}

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ createdAt: row.createdAt.toISOString(), id: row.id })).toString("base64url");
}

/** Given limit + 1 rows, returns the page and the cursor for the next one. */
export function toPage<T extends { createdAt: Date; id: string }, U>(rows: T[], limit: number, present: (row: T) => U) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor(last) : null;
  return { data: page.map(present), nextCursor };
}
