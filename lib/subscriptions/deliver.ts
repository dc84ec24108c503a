import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "../db/client";
import { subscriptions, type Run, type Subscription } from "../db/schema";
import { env } from "../env";
import { log } from "../log";
import { storeReportFile } from "../downloads/files";
import { sendReportMail, type ReportMail } from "../mail/send-report";
import { SHARED_ATTACHMENT_MAX_BYTES, sharedAttachment } from "../mail/shared-attachment";
import { smtpReplyCode } from "../mail/transport";
import { renderReportFile } from "../reports/render-file";
import { unwatchedAttempt, type Attempt } from "../runs/attempt";
import { markSucceeded } from "../runs/lifecycle";
import { progressReporter } from "../runs/progress";
import { PartialRunError, PermanentRunError } from "../runs/lifecycle-errors";
import { mapWithConcurrency } from "./deliver-parallel";
import { composeReportMail, type ComposedMail } from "./compose-mail";
import {
  deliveryCounts,
  hadFilterValues,
  recordFailed,
  recordSent,
  recordSkipped,
  sentRecipients,
} from "./deliver-records";
import { uniqueRecipients } from "./recipients";
import { unsubscribeUrl } from "./unsubscribe-link";
import { unsubscribedAddresses } from "./unsubscribes";
import { deliverPerRecipientRun, type PerRecipientResult } from "./bursting";

// E-mails in flight per run: enough to keep a pooled SMTP connection set busy, few enough not to trip a server's limits.
export const SEND_PARALLELISM = 10;
// SMTP 5xx replies are permanent: the same message to the same address will be refused again.
const SMTP_PERMANENT_FAILURE = 500;
// A delivery error is stored per recipient; SMTP replies are short, a stack is not.
const DELIVERY_ERROR_MAX = 500;

export type SubscriptionResult = {
  recipients: number;
  delivered: number;
  failed: number;
  format: Subscription["format"];
  bytes: number;
  /** Recipients skipped because they unsubscribed. */
  unsubscribed?: number;
  /** The whole run sent nothing on purpose: Only send when the report has rows / changed. */
  skipped?: "no rows" | "unchanged";
  /** The report is rendered once for a fixed list. */
  groups: 1;
};

// Subscriptions store recipients as typed in a form; an address no server could accept fails without a try.
const recipientSchema = z.email();

export type Outcome = { ok: true } | { ok: false; error: string; permanent: boolean };

/**
 * One attempt of a subscription run: render the report once, e-mail each recipient not yet delivered, record each
 * delivery, and mark the run succeeded. Throws PartialRunError (with the result so far) when any recipient failed,
 * so the job is retried for those recipients only.
 *
 * At most once per recipient: the run lock (lib/runs/lifecycle-lock.ts) keeps a second process off this run, and
 * a recipient with a `sent` row is skipped. The row is written right after the SMTP server accepts the message —
 * not before, since a row written first would mark a never-sent message as sent when the worker dies mid-send
 * (there is no "sending" status). What remains is the window between the server's
 * acceptance and that insert (one local round trip): a worker killed exactly there e-mails that recipient again
 * on the retry, with the same Message-ID so mail systems can drop the copy.
 */
export async function deliverSubscriptionRun(
  run: Run,
  attempt: Attempt = unwatchedAttempt,
): Promise<SubscriptionResult | PerRecipientResult> {
  const subscription = run.subscriptionId ? await subscriptionOf(run.subscriptionId) : null;
  if (!subscription) throw new PermanentRunError("The subscription no longer exists.");
  // A re-send of a per-recipient run stays per recipient (each with its value) whatever the subscription became.
  if (subscription.recipientsMode !== "list" || (run.resendRecipients !== null && (await hadFilterValues(run.id)))) {
    return deliverPerRecipientRun(run, attempt);
  }

  // Re-send to failed names its recipients; otherwise every recipient of the subscription not yet e-mailed.
  const resend = run.resendRecipients !== null;
  const recipients = uniqueRecipients(run.resendRecipients ?? subscription.recipients);
  // Addresses compare without case, as uniqueRecipients does: an address re-typed in another case between attempts
  // is still the recipient who already has the report.
  const alreadySent = new Set([...(await sentRecipients(run.id))].map((recipient) => recipient.toLowerCase()));
  const unsubscribed = await unsubscribedAddresses(subscription.id);
  const notSent = recipients.filter((recipient) => !alreadySent.has(recipient.toLowerCase()));
  const optedOut = notSent.filter((recipient) => unsubscribed.has(recipient.toLowerCase()));
  const pending = notSent.filter((recipient) => !unsubscribed.has(recipient.toLowerCase()));
  await recordSkipped(run.id, optedOut, "unsubscribed");
  const progress = progressReporter(run.id, {
    recipientsTotal: recipients.length,
    recipientsSent: recipients.length - notSent.length,
  });

  // Rendered once per attempt into a file of its own; every e-mail streams it, and it goes when the attempt ends.
  const dir = await mkdtemp(join(tmpdir(), "sluice-run-"));
  let outcomes: Outcome[];
  let bytes: number;
  let digest: string;
  let skipped: SubscriptionResult["skipped"];
  try {
    const renderStarted = performance.now();
    const file = await renderReportFile(subscription.reportId, subscription.format, dir, (rows) => {
      // Rows streaming out of the warehouse are progress: a long render is not a stalled attempt.
      attempt.progress();
      progress.update({ rows });
    });
    bytes = file.bytes;
    digest = file.digest;
    const renderMs = Math.round(performance.now() - renderStarted);
    log.info({ runId: run.id, rows: file.rows, bytes, renderMs }, "report rendered");
    // A re-send, or a retry after some recipients got the report, completes what the run already decided to send:
    // its digest is already the "last delivered" one, and "unchanged" must not stop the rest.
    if (!resend && alreadySent.size === 0) skipped = skipReason(subscription, file);
    if (skipped) {
      await recordSkipped(run.id, pending, skipped);
      outcomes = [];
    } else {
      const report: ReportMail["report"] =
        file.bytes > env.MAIL_ATTACHMENT_MAX_BYTES
          ? { link: { ...(await storeReportFile(run.id, file)), filename: file.filename, bytes: file.bytes } }
          : // Several recipients: the attachment is encoded once for all their e-mails.
            pending.length > 1 && file.bytes <= SHARED_ATTACHMENT_MAX_BYTES
            ? { attachment: await sharedAttachment(file) }
            : { attachment: file };
      const mail = composeReportMail(subscription, file, report, run.createdAt);
      attempt.progress();
      outcomes = await mapWithConcurrency(
        pending,
        SEND_PARALLELISM,
        async (recipient) => {
          const outcome = await deliverTo(run.id, recipient, subscription.id, mail, report);
          attempt.progress();
          if (outcome.ok) progress.sent();
          return outcome;
        },
        {
          signal: attempt.signal,
          onStopping: (inFlight, error) =>
            log.warn(
              { runId: run.id, inFlight, err: error instanceof Error ? error.message : String(error) },
              "delivery failed; waiting for the sends in flight before ending the attempt",
            ),
        },
      );
    }
  } finally {
    await Promise.all([rm(dir, { recursive: true, force: true }), progress.flush()]);
  }
  const failures = outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome]));
  // Only send when the report changed compares with the last run that e-mailed anyone.
  if (outcomes.some((outcome) => outcome.ok)) await rememberDigest(subscription.id, digest);
  const result = await resultOf(run.id, resend, {
    recipients: recipients.length,
    delivered: skipped ? 0 : recipients.length - failures.length - optedOut.length,
    failed: failures.length,
    format: subscription.format,
    bytes,
    ...(optedOut.length > 0 ? { unsubscribed: optedOut.length } : {}),
    ...(skipped ? { skipped } : {}),
    groups: 1,
  });
  log.info(
    { runId: run.id, ...result, alreadySent: recipients.length - notSent.length },
    "subscription run attempt done",
  );

  if (failures.length > 0) {
    const message = `${failures.length} of ${recipients.length} recipients could not be e-mailed: ${failures[0]?.error}`;
    if (failures.every((failure) => failure.permanent)) throw new PermanentRunError(message, result);
    throw new PartialRunError(message, result);
  }
  await markSucceeded(run.id, result);
  return result;
}

/** Why a run sends nothing at all, if it does: no rows, or the same rows as the last delivered run. */
function skipReason(
  subscription: { onlyWhenRows: boolean; onlyWhenChanged: boolean; lastDeliveredDigest: string | null },
  file: { rows: number; digest: string },
): SubscriptionResult["skipped"] {
  if (subscription.onlyWhenRows && file.rows === 0) return "no rows";
  if (subscription.onlyWhenChanged && subscription.lastDeliveredDigest === file.digest) return "unchanged";
  return undefined;
}

async function rememberDigest(subscriptionId: string, digest: string): Promise<void> {
  await db.update(subscriptions).set({ lastDeliveredDigest: digest }).where(eq(subscriptions.id, subscriptionId));
}

/** A re-send reports the whole run (every attempt's deliveries), not only the recipients it retried. */
export async function resultOf<
  T extends { recipients: number; delivered: number; failed: number; unsubscribed?: number },
>(runId: string, resend: boolean, attempt: T): Promise<T> {
  if (!resend) return attempt;
  const counts = await deliveryCounts(runId);
  return {
    ...attempt,
    unsubscribed: counts.skipped > 0 ? counts.skipped : undefined,
    recipients: counts.sent + counts.failed + counts.skipped,
    delivered: counts.sent,
    failed: counts.failed,
  };
}

async function subscriptionOf(id: string) {
  const [subscription] = await db
    .select({
      id: subscriptions.id,
      reportId: subscriptions.reportId,
      format: subscriptions.format,
      recipients: subscriptions.recipients,
      subject: subscriptions.subject,
      message: subscriptions.message,
      timeZone: subscriptions.timeZone,
      onlyWhenRows: subscriptions.onlyWhenRows,
      onlyWhenChanged: subscriptions.onlyWhenChanged,
      lastDeliveredDigest: subscriptions.lastDeliveredDigest,
      recipientsMode: subscriptions.recipientsMode,
    })
    .from(subscriptions)
    .where(eq(subscriptions.id, id))
    .limit(1);
  return subscription ?? null;
}

export async function deliverTo(
  runId: string,
  recipient: string,
  subscriptionId: string,
  mail: ComposedMail,
  report: ReportMail["report"],
  filterValue: string | null = null,
): Promise<Outcome> {
  if (!recipientSchema.safeParse(recipient).success) {
    const message = `${recipient} is not a valid e-mail address`;
    await recordFailed(runId, recipient, message, filterValue);
    return { ok: false, error: message, permanent: true };
  }
  let messageId: string;
  try {
    ({ messageId } = await sendReportMail({
      to: recipient,
      ...mail,
      report,
      messageId: stableMessageId(runId, recipient),
      unsubscribeUrl: unsubscribeUrl(subscriptionId, recipient),
    }));
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, DELIVERY_ERROR_MAX);
    await recordFailed(runId, recipient, message, filterValue);
    return { ok: false, error: message, permanent: (smtpReplyCode(error) ?? 0) >= SMTP_PERMANENT_FAILURE };
  }
  await recordSent(runId, recipient, messageId, filterValue);
  return { ok: true };
}

function stableMessageId(runId: string, recipient: string): string {
  const domain = /@([A-Za-z0-9.-]+)/.exec(env.MAIL_FROM)?.[1] ?? "sluice.local";
  const digest = createHash("sha256").update(recipient.toLowerCase()).digest("hex").slice(0, 16);
  return `<${runId}.${digest}@${domain}>`;
}
