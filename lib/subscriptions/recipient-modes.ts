import { z } from "zod";

/** SPEC §10: who gets a subscription's report, and which of its rows. */
export const RECIPIENTS_MODES = ["list", "filter", "query"] as const;
export type RecipientsMode = (typeof RECIPIENTS_MODES)[number];
export const RECIPIENTS_MODE_LABELS: Record<RecipientsMode, string> = {
  list: "Fixed list",
  filter: "Per recipient filter",
  query: "From a query",
};

// Per-recipient reports reach far more people than a hand-kept list; past this a run (or a save) is refused rather
// than mailing an unexpected crowd, e.g. a recipients query that lost its WHERE clause.
export const MAX_BURST_RECIPIENTS = 10_000;

// The columns a recipients query returns (SPEC §10).
export const EMAIL_COLUMN = "email";
export const FILTER_VALUE_COLUMN = "filter_value";

/** One recipient of a per-recipient report: null filterValue = the whole report. */
export type BurstRecipient = { email: string; filterValue: string | null };

const emailSchema = z.email();

export function isEmailAddress(value: string): boolean {
  return emailSchema.safeParse(value).success;
}

export function tooManyRecipientsMessage(count: string): string {
  return `The recipients are more than ${MAX_BURST_RECIPIENTS.toLocaleString("en-US")} (${count}); narrow the query or split the subscription`;
}

export type ParsedLines = { ok: true; recipients: BurstRecipient[] } | { ok: false; errors: string[] };

// Enough examples for an admin to find the lines; the rest would only bury them.
const ERRORS_SHOWN = 5;

/**
 * The **Recipients** of mode "Per recipient filter": one `email, value` per line (the value is everything after the
 * first comma, so it may hold commas). An address repeated with the same value (in any case) is kept once; with
 * another value it is refused, as it could only get one of the two reports.
 */
export function parseFilterLines(raw: string): ParsedLines {
  const errors: string[] = [];
  const byAddress = new Map<string, BurstRecipient>();
  const lines = raw.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const comma = line.indexOf(",");
    const email = (comma < 0 ? line : line.slice(0, comma)).trim();
    const value = comma < 0 ? "" : line.slice(comma + 1).trim();
    if (!value) {
      errors.push(`Line ${index + 1}: write "email, value"`);
      continue;
    }
    if (!isEmailAddress(email)) {
      errors.push(`Line ${index + 1}: ${email} is not an e-mail address`);
      continue;
    }
    const seen = byAddress.get(email.toLowerCase());
    if (!seen) byAddress.set(email.toLowerCase(), { email, filterValue: value });
    else if (seen.filterValue !== value) {
      errors.push(
        `${email} is listed with two values ("${seen.filterValue}", "${value}"); give each address one value`,
      );
    }
  }
  if (errors.length > ERRORS_SHOWN)
    errors.splice(ERRORS_SHOWN, errors.length, `and ${errors.length - ERRORS_SHOWN} more`);
  if (errors.length) return { ok: false, errors };
  if (byAddress.size === 0) return { ok: false, errors: ["Add at least one line: email, value"] };
  if (byAddress.size > MAX_BURST_RECIPIENTS)
    return { ok: false, errors: [tooManyRecipientsMessage(String(byAddress.size))] };
  return { ok: true, recipients: [...byAddress.values()] };
}

/** A saved subscription's recipients as the form shows them. */
export function recipientsFormValues(subscription: {
  recipientsMode: RecipientsMode;
  recipients: readonly string[];
  recipientFilterValues: readonly string[] | null;
  filterColumn: string | null;
  recipientsQuery: string | null;
}) {
  const { recipients, recipientFilterValues: values } = subscription;
  return {
    recipientsMode: subscription.recipientsMode,
    recipients:
      subscription.recipientsMode === "filter"
        ? recipients.map((email, i) => `${email}, ${values?.[i] ?? ""}`).join("\n")
        : recipients.join("\n"),
    filterColumn: subscription.filterColumn ?? "",
    recipientsQuery: subscription.recipientsQuery ?? "",
  };
}
