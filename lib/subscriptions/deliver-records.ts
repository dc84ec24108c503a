import { and, eq, ne, sql } from "drizzle-orm";
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

/** A recipient deliberately not e-mailed in this run, with the reason (a later attempt may still send). */
export async function recordSkipped(
  runId: string,
  recipient: string,
  skipReason: "unsubscribed" | "no rows",
  filterValue: string | null = null,
): Promise<void> {
  await upsertDelivery(runId, recipient, { status: "skipped", messageId: null, error: null, skipReason, filterValue });
}

type DeliveryOutcome = {
  status: "sent" | "failed" | "skipped";
  messageId: string | null;
  error: string | null;
  skipReason: string | null;
  filterValue: string | null;
};

// One row per (run, recipient): a later attempt overwrites a failure or a skip, never a success.
async function upsertDelivery(runId: string, recipient: string, outcome: DeliveryOutcome): Promise<void> {
  await db
    .insert(deliveries)
    .values({ runId, recipient, ...outcome })
    .onConflictDoUpdate({
      target: [deliveries.runId, deliveries.recipient],
      set: { ...outcome, at: sql`now()` },
      setWhere: ne(deliveries.status, "sent"),
    });
}
