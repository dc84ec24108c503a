import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import { db } from "../db/client";
import { deliveries } from "../db/schema";

// A message the SMTP server accepted must be written down, or a retry would send it again: try a little harder.
const RECORD_SENT_TRIES = 3;
const RECORD_SENT_RETRY_DELAY_MS = 500;

/** Recipients of a run whose e-mail went out in an earlier attempt. */
export async function sentRecipients(runId: string): Promise<Set<string>> {
  const rows = await db
    .select({ recipient: deliveries.recipient })
    .from(deliveries)
    .where(and(eq(deliveries.runId, runId), eq(deliveries.status, "sent")));
  return new Set(rows.map((row) => row.recipient));
}

// `filterValue`: the value whose filtered report the recipient gets in a per-recipient run (null otherwise).
export async function recordSent(
  runId: string,
  recipient: string,
  messageId: string,
  filterValue: string | null = null,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await upsertDelivery(runId, recipient, { status: "sent", messageId, error: null, skipReason: null, filterValue });
      return;
    } catch (error) {
      if (attempt >= RECORD_SENT_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, RECORD_SENT_RETRY_DELAY_MS * attempt));
    }
  }
}

export async function recordFailed(
  runId: string,
  recipient: string,
  error: string,
  filterValue: string | null = null,
): Promise<void> {
  await upsertDelivery(runId, recipient, { status: "failed", messageId: null, error, skipReason: null, filterValue });
}

/** A recipient this run did not e-mail on purpose, and why ("unsubscribed", "no rows", "unchanged"). */
export async function recordSkipped(
  runId: string,
  recipients: string[],
  reason: string,
  filterValue: string | null = null,
): Promise<void> {
  if (recipients.length === 0) return;
  const outcome = { status: "skipped" as const, messageId: null, error: null, skipReason: reason, filterValue };
  await db
    .insert(deliveries)
    .values(recipients.map((recipient) => ({ runId, recipient, ...outcome })))
    .onConflictDoUpdate({
      target: [deliveries.runId, deliveries.recipient],
      set: { ...outcome, at: sql`now()` },
      setWhere: ne(deliveries.status, "sent"),
    });
}

/** Recipients of a run whose delivery failed: what Re-send to failed retries. */
export async function failedRecipients(runId: string): Promise<string[]> {
  const rows = await db
    .select({ recipient: deliveries.recipient })
    .from(deliveries)
    .where(and(eq(deliveries.runId, runId), eq(deliveries.status, "failed")));
  return rows.map((row) => row.recipient);
}

/** The failed deliveries of a run with the filter value each was for: what Re-send to failed retries per value. */
export async function failedDeliveries(runId: string): Promise<{ email: string; filterValue: string | null }[]> {
  return db
    .select({ email: deliveries.recipient, filterValue: deliveries.filterValue })
    .from(deliveries)
    .where(and(eq(deliveries.runId, runId), eq(deliveries.status, "failed")));
}

/** Whether a run e-mailed per recipient: its deliveries carry filter values. */
export async function hadFilterValues(runId: string): Promise<boolean> {
  const [row] = await db
    .select({ runId: deliveries.runId })
    .from(deliveries)
    .where(and(eq(deliveries.runId, runId), isNotNull(deliveries.filterValue)))
    .limit(1);
  return row !== undefined;
}

/** A run's deliveries counted by status, over all its attempts. */
export async function deliveryCounts(runId: string): Promise<Record<"sent" | "failed" | "skipped", number>> {
  const rows = await db
    .select({ status: deliveries.status, count: sql<number>`count(*)::int` })
    .from(deliveries)
    .where(eq(deliveries.runId, runId))
    .groupBy(deliveries.status);
  const counts = { sent: 0, failed: 0, skipped: 0 };
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}

// One row per (run, recipient): a later attempt overwrites a failure, never a success.
async function upsertDelivery(
  runId: string,
  recipient: string,
  outcome: {
    status: "sent" | "failed";
    messageId: string | null;
    error: string | null;
    skipReason: null;
    filterValue: string | null;
  },
): Promise<void> {
  await db
    .insert(deliveries)
    .values({ runId, recipient, ...outcome })
    .onConflictDoUpdate({
      target: [deliveries.runId, deliveries.recipient],
      set: { ...outcome, at: sql`now()` },
      setWhere: ne(deliveries.status, "sent"),
    });
}
