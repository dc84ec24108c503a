import { DomainError } from "../domain-error";
import { PermanentRunError } from "../runs/lifecycle-errors";
import type { RowFilter } from "../warehouse/query";
import { burstRecipients, type RecipientsSource } from "./burst-recipients";

/**
 * The rows a test e-mail of a per-recipient subscription shows: those of its first recipient's value (the first
 * line, or the first row the recipients query returns now). A fixed list, or a query without `filter_value`, sends
 * the whole report, as its recipients get it. Refuses when there is nobody whose report could be shown.
 */
export async function testFilter(
  subscription: Omit<RecipientsSource, "recipientsMode"> & {
    recipientsMode: RecipientsSource["recipientsMode"] | "list";
  },
): Promise<RowFilter | undefined> {
  if (subscription.recipientsMode === "list") return undefined;
  let first: { filterValue: string | null } | undefined;
  try {
    first = (await burstRecipients({ ...subscription, recipientsMode: subscription.recipientsMode })).recipients[0];
  } catch (error) {
    if (error instanceof PermanentRunError) throw new DomainError("invalid", error.message);
    throw error;
  }
  if (!first)
    throw new DomainError("invalid", "The recipients query returns nobody with a valid address to test with.");
  if (first.filterValue === null || !subscription.filterColumn) return undefined;
  return { column: subscription.filterColumn, value: first.filterValue };
}
