import { z } from "zod";

/** Form fields that may repeat (checkboxes, groups) arrive as one string or several; always an array here. */
export const asArray = (value: unknown): unknown[] =>
  value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value];

const uuidSchema = z.uuid();

export const isUuid = (value: string): boolean => uuidSchema.safeParse(value).success;

// Years a date typed or carried in a link may have: others are mistakes, and Postgres refuses year 0 and years past
// 9999 with an error rather than an empty result.
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2999;

/**
 * For an ISO date or date-time string: is its year one of those? A string without a year passes, for the shape check
 * beside it to refuse with its own message.
 */
export const hasPlausibleYear = (iso: string): boolean => {
  if (!/^\d{4}/.test(iso)) return true;
  const year = Number(iso.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
};

export const PLAUSIBLE_YEAR_MESSAGE = `Use a year from ${EARLIEST_YEAR} to ${LATEST_YEAR}`;

/** How long the name of a report, model, subscription or token may be: one line in a list. */
export const MAX_NAME_LENGTH = 100;

// Postgres truncates identifiers after 63 bytes, so a longer column name can never match a query's column.
export const MAX_COLUMN_NAME_LENGTH = 63;

/** A SQL column name as the query returns it. */
export const columnNameSchema = z
  .string()
  .trim()
  .min(1, "Required")
  .max(MAX_COLUMN_NAME_LENGTH, `At most ${MAX_COLUMN_NAME_LENGTH} characters`);
