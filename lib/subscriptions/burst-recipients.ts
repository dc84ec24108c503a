import { z } from "zod";
import { PermanentRunError } from "../runs/lifecycle-errors";
import { QueryError, runWarehouseQuery } from "../warehouse/query";
import {
  EMAIL_COLUMN,
  FILTER_VALUE_COLUMN,
  isEmailAddress,
  MAX_BURST_RECIPIENTS,
  tooManyRecipientsMessage,
  type BurstRecipient,
} from "./recipient-modes";

// An address longer than this cannot exist (RFC 5321: 64 + @ + 255); a longer cell is recorded cut to it.
const MAX_ADDRESS_LENGTH = 320;
// The rows a run keeps of those it ignored: enough to see the pattern, not a copy of a large query's mistakes.
export const IGNORED_KEPT = 100;

export type IgnoredRecipient = { email: string; filterValue: string | null; reason: string };

/** Who a per-recipient run e-mails: valid recipients, addresses that fail, and rows it leaves out. */
export type BurstRecipients = {
  recipients: BurstRecipient[];
  invalid: (BurstRecipient & { reason: string })[];
  ignored: IgnoredRecipient[];
};

export type RecipientsSource = {
  recipientsMode: "filter" | "query";
  recipients: string[];
  recipientFilterValues: string[] | null;
  filterColumn: string | null;
  recipientsQuery: string | null;
};

/** A warehouse cell as the text the filter compares with (the database casts it back to the column's type). */
const cellText = z.union([
  z.string(),
  z.number().transform(String),
  z.bigint().transform(String),
  z.boolean().transform(String),
  z.date().transform((d) => d.toISOString()),
  z.null(),
  z.undefined().transform(() => null),
]);

/**
 * The recipients of one run: the saved `email, value` lines, or the recipients query run now through the warehouse's
 * read-only path. Query rows are checked here: an address that is no address fails (recorded with the reason), a
 * row without a value when the query gives values fails too (it must never get the whole report), and an address
 * repeated in any case is kept once with its first value, the rest ignored with the reason.
 */
export async function burstRecipients(source: RecipientsSource): Promise<BurstRecipients> {
  if (source.recipientsMode === "filter") {
    // Without the column a value could not narrow anything: refuse rather than send anyone the whole report.
    if (!source.filterColumn) throw new PermanentRunError("The subscription has no Filter column to filter on.");
    return {
      recipients: source.recipients.map((email, i) => ({
        email,
        filterValue: source.recipientFilterValues?.[i] ?? "",
      })),
      invalid: [],
      ignored: [],
    };
  }
  if (!source.recipientsQuery) throw new PermanentRunError("The subscription has no recipients query.");
  let result: Awaited<ReturnType<typeof runWarehouseQuery>>;
  try {
    result = await runWarehouseQuery(source.recipientsQuery, { maxRows: MAX_BURST_RECIPIENTS + 1 });
  } catch (error) {
    if (error instanceof QueryError) throw new PermanentRunError(`The recipients query failed: ${error.message}`);
    throw error;
  }
  if (!result.columns.includes(EMAIL_COLUMN)) {
    throw new PermanentRunError(
      `The recipients query returns no ${EMAIL_COLUMN} column (it returns: ${result.columns.join(", ")})`,
    );
  }
  if (result.rows.length > MAX_BURST_RECIPIENTS) {
    throw new PermanentRunError(tooManyRecipientsMessage("the query returned more"));
  }
  const filtered = result.columns.includes(FILTER_VALUE_COLUMN);
  if (filtered && !source.filterColumn) {
    throw new PermanentRunError(
      `The recipients query returns ${FILTER_VALUE_COLUMN} but the subscription has no Filter column to compare it with`,
    );
  }
  return checkRows(result.rows, filtered);
}

function checkRows(rows: Record<string, unknown>[], filtered: boolean): BurstRecipients {
  const out: BurstRecipients = { recipients: [], invalid: [], ignored: [] };
  const seen = new Map<string, BurstRecipient>();
  for (const row of rows) {
    const email = cellText.safeParse(row[EMAIL_COLUMN]);
    const value = cellText.safeParse(filtered ? row[FILTER_VALUE_COLUMN] : null);
    const address = (email.success ? (email.data ?? "") : "").trim().slice(0, MAX_ADDRESS_LENGTH);
    const filterValue = value.success ? value.data : null;
    if (!address) {
      out.ignored.push({ email: "", filterValue, reason: "The row has no e-mail address" });
      continue;
    }
    const key = address.toLowerCase();
    const first = seen.get(key);
    if (first) {
      const same = first.filterValue === filterValue;
      out.ignored.push({
        email: address,
        filterValue,
        reason: same ? "Listed again" : `Listed again with another value; the first ("${first.filterValue}") is used`,
      });
      continue;
    }
    seen.set(key, { email: address, filterValue });
    if (!isEmailAddress(address)) {
      out.invalid.push({ email: address, filterValue, reason: `${address} is not a valid e-mail address` });
    } else if (filtered && filterValue === null) {
      out.invalid.push({
        email: address,
        filterValue,
        reason: `The recipients query gave no ${FILTER_VALUE_COLUMN} for ${address}`,
      });
    } else out.recipients.push({ email: address, filterValue: filtered ? filterValue : null });
  }
  return out;
}
