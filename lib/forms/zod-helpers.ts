import { z } from "zod";

/** Form fields that may repeat (checkboxes, groups) arrive as one string or several; always an array here. */
export const asArray = (value: unknown): unknown[] =>
  value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value];

const uuidSchema = z.uuid();

export const isUuid = (value: string): boolean => uuidSchema.safeParse(value).success;

/** A SQL column name as the query returns it. */
export const columnNameSchema = z.string().trim().min(1, "Required").max(63, "At most 63 characters");
