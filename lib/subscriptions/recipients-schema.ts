import { z } from "zod";
import { MAX_COLUMN_NAME_LENGTH } from "../forms/zod-helpers";
import { MAX_QUERY_LENGTH } from "../reports/schemas";
import { parseFilterLines, RECIPIENTS_MODES } from "./recipient-modes";

/** The form fields of the recipients modes, beside the **Recipients** text itself. */
export const recipientsModeFields = {
  recipients: z.string().default(""),
  recipientsMode: z.enum(RECIPIENTS_MODES).default("list"),
  filterColumn: z
    .string()
    .trim()
    .max(MAX_COLUMN_NAME_LENGTH, `At most ${MAX_COLUMN_NAME_LENGTH} characters`)
    .default(""),
  recipientsQuery: z.string().trim().max(MAX_QUERY_LENGTH, `At most ${MAX_QUERY_LENGTH} characters`).default(""),
};

type RawRecipients = {
  recipients: string;
  recipientsMode: (typeof RECIPIENTS_MODES)[number];
  filterColumn: string;
  recipientsQuery: string;
};

/** What a subscription stores of its recipients, whatever the mode (the columns of the same names). */
export type StoredRecipients = {
  recipients: string[];
  recipientsMode: (typeof RECIPIENTS_MODES)[number];
  recipientFilterValues: string[] | null;
  filterColumn: string | null;
  recipientsQuery: string | null;
};

/**
 * Turns the recipients fields of a valid form into what is stored, or adds field errors. Fields of the other modes
 * are dropped, so a subscription switched back to a fixed list keeps no stale query or filter.
 */
export function withStoredRecipients<T extends RawRecipients>(
  input: T,
  ctx: z.RefinementCtx,
  fixedList: z.ZodType<string[], string>,
): Omit<T, keyof RawRecipients> & StoredRecipients {
  const { recipients, recipientsMode, filterColumn, recipientsQuery, ...rest } = input;
  const none = { recipientFilterValues: null, filterColumn: null, recipientsQuery: null };
  const fail = (path: keyof RawRecipients, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (recipientsMode === "list") {
    const parsed = fixedList.safeParse(recipients);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fail("recipients", issue.message);
      return z.NEVER;
    }
    return { ...rest, recipientsMode, recipients: parsed.data, ...none };
  }
  if (recipientsMode === "filter") {
    const parsed = parseFilterLines(recipients);
    if (!parsed.ok) for (const message of parsed.errors) fail("recipients", message);
    if (!filterColumn) fail("filterColumn", "Choose the report column to filter on");
    if (!parsed.ok || !filterColumn) return z.NEVER;
    return {
      ...rest,
      recipientsMode,
      recipients: parsed.recipients.map((r) => r.email),
      recipientFilterValues: parsed.recipients.map((r) => r.filterValue ?? ""),
      filterColumn,
      recipientsQuery: null,
    };
  }
  if (!recipientsQuery) {
    fail("recipientsQuery", "Required");
    return z.NEVER;
  }
  return {
    ...rest,
    recipientsMode,
    recipients: [],
    recipientFilterValues: null,
    filterColumn: filterColumn || null,
    recipientsQuery,
  };
}
