import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { subscriptions, type Run, type Subscription } from "../db/schema";
import { env } from "../env";
import { log } from "../log";
import { storeReportFile } from "../downloads/files";
import { SendSlots } from "../mail/send-slots";
import { SHARED_ATTACHMENT_MAX_BYTES, sharedAttachment } from "../mail/shared-attachment";
import type { ReportMail } from "../mail/send-report";
import { renderReportFile } from "../reports/render-file";
import { unwatchedAttempt, type Attempt } from "../runs/attempt";
import { markSucceeded } from "../runs/lifecycle";
import { PartialRunError, PermanentRunError } from "../runs/lifecycle-errors";
import { progressReporter } from "../runs/progress";
import { burstRecipients, IGNORED_KEPT, type IgnoredRecipient } from "./burst-recipients";
import { composeReportMail } from "./compose-mail";
import { deliverTo, resultOf, SEND_PARALLELISM, type Outcome } from "./deliver";
import { mapWithConcurrency } from "./deliver-parallel";
import { failedDeliveries, recordFailed, recordSkipped, sentRecipients } from "./deliver-records";
import type { BurstRecipient } from "./recipient-modes";
import { unsubscribedAddresses } from "./unsubscribes";

// Filter values worked on at once: while some values' e-mails go out, the next values render, so neither the
// warehouse nor the SMTP server waits for the other. Each holds one file on disk (and its encoded part, at most
// SHARED_ATTACHMENT_MAX_BYTES); e-mails of all of them share the transport's connections (lib/mail/send-slots.ts).
export const GROUP_PARALLELISM = 8;
// Renders at once: a render holds a batch of rows and its writer in memory, so the worker's memory stays that of two.
export const RENDER_PARALLELISM = 2;

export type PerRecipientResult = {
  recipients: number;
  delivered: number;
  failed: number;
  format: Subscription["format"];
  bytes: number;
  /** Distinct filter values the run renders the report for. */
  groups: number;
  /** Rows of the recipients query left out (a repeated address, no address), the first IGNORED_KEPT of them. */
  ignored?: { count: number; first: IgnoredRecipient[] };
  /** Recipients skipped because they unsubscribed. */
  unsubscribed?: number;
};

type Group = { filterValue: string | null; recipients: string[] };

/**
 * One attempt of a per-recipient run (SPEC §10): resolve the recipients, then per distinct filter value render the
 * report once, filtered by the database, and e-mail that file to the value's recipients. A value whose rows are
 * none is recorded as `skipped` ("no rows") for its recipients when the subscription only sends reports with rows;
 * an address that unsubscribed is recorded as `skipped` ("unsubscribed"). The subject, message and HTML part are
 * filled in per value ({{rows}} is that recipient's row count). Re-send to failed retries the failed recipients only,
 * each with the value its failed delivery was for, without running the recipients query again.
 *
 * At most once per recipient, as for a fixed list (lib/subscriptions/deliver.ts): the run lock keeps other
 * processes off the run, a recipient with a `sent` row is left out, and a retry renders only the values that still
 * have recipients to e-mail.
 */
export async function deliverPerRecipientRun(
  run: Run,
  attempt: Attempt = unwatchedAttempt,
): Promise<PerRecipientResult> {
  const subscription = run.subscriptionId ? await burstSubscriptionOf(run.subscriptionId) : null;
  if (!subscription) throw new PermanentRunError("The subscription no longer exists.");
  const resend = run.resendRecipients !== null;
  const mode = subscription.recipientsMode;
  if (mode === "list" && !resend) {
    throw new PermanentRunError("The subscription's recipients changed to a fixed list during the run; run it again.");
  }
  const { recipients, invalid, ignored } =
    resend || mode === "list"
      ? await resendRecipientsOf(run.id, run.resendRecipients ?? [])
      : await burstRecipients({ ...subscription, recipientsMode: mode });
  attempt.progress();
  const total = recipients.length + invalid.length;
  const alreadySent = new Set([...(await sentRecipients(run.id))].map((r) => r.toLowerCase()));
  const unsubscribed = await unsubscribedAddresses(subscription.id);
  const notSent = recipients.filter((r) => !alreadySent.has(r.email.toLowerCase()));
  const optedOut = notSent.filter((r) => unsubscribed.has(r.email.toLowerCase()));
  const pending = notSent.filter((r) => !unsubscribed.has(r.email.toLowerCase()));
  for (const group of groupByValue(optedOut)) {
    await recordSkipped(run.id, group.recipients, "unsubscribed", group.filterValue);
  }
  const groups = groupByValue(pending);
  const progress = progressReporter(run.id, {
    recipientsTotal: total,
    recipientsSent: total - notSent.length - invalid.length,
  });

  const failures: Extract<Outcome, { ok: false }>[] = [];
  for (const bad of invalid) {
    if (alreadySent.has(bad.email.toLowerCase())) continue;
    await recordFailed(run.id, bad.email, bad.reason, bad.filterValue);
    failures.push({ ok: false, error: bad.reason, permanent: true });
  }

  const dir = await mkdtemp(join(tmpdir(), "sluice-run-"));
  let rows = 0;
  let bytes = 0;
  let sentNow = 0;
  let skipped = 0;
  // First come, first served, as the transport's connections are.
  const renderSlots = new SendSlots(RENDER_PARALLELISM);
  try {
    const outcomes = await mapWithConcurrency(
      groups,
      GROUP_PARALLELISM,
      async (group) => {
        const release = await renderSlots.acquire();
        const rendered = await renderGroup(run.id, subscription, group, dir, (groupRows) => {
          attempt.progress();
          progress.update({ rows: rows + groupRows });
        }).finally(release);
        if (!rendered.ok) {
          for (const recipient of group.recipients) {
            await recordFailed(run.id, recipient, rendered.error, group.filterValue);
          }
          return group.recipients.map((): Outcome => ({ ok: false, error: rendered.error, permanent: true }));
        }
        const { file } = rendered;
        rows += file.rows;
        bytes += file.bytes;
        try {
          // A re-send completes what the run already decided to send, as for a fixed list.
          if (file.rows === 0 && subscription.onlyWhenRows && !resend) {
            await recordSkipped(run.id, group.recipients, "no rows", group.filterValue);
            group.recipients.forEach(() => progress.sent());
            skipped += group.recipients.length;
            return group.recipients.map((): Outcome => ({ ok: true }));
          }
          const report: ReportMail["report"] =
            file.bytes > env.MAIL_ATTACHMENT_MAX_BYTES
              ? { link: { ...(await storeReportFile(run.id, file)), filename: file.filename, bytes: file.bytes } }
              : // Several recipients of the value: its attachment is encoded once for all their e-mails.
                group.recipients.length > 1 && file.bytes <= SHARED_ATTACHMENT_MAX_BYTES
                ? { attachment: await sharedAttachment(file) }
                : { attachment: file };
          // Composed once per value: every recipient of the value gets the same text, table and file.
          const mail = composeReportMail(subscription, file, report, run.createdAt);
          attempt.progress();
          return await mapWithConcurrency(
            group.recipients,
            SEND_PARALLELISM,
            async (recipient) => {
              const outcome = await deliverTo(run.id, recipient, subscription.id, mail, report, group.filterValue);
              attempt.progress();
              if (outcome.ok) {
                progress.sent();
                sentNow++;
              }
              return outcome;
            },
            { signal: attempt.signal },
          );
        } finally {
          await rm(file.path, { force: true });
        }
      },
      {
        signal: attempt.signal,
        onStopping: (inFlight, error) =>
          log.warn(
            { runId: run.id, inFlight, err: error instanceof Error ? error.message : String(error) },
            "per-recipient delivery failed; waiting for the values in flight before ending the attempt",
          ),
      },
    );
    for (const outcome of outcomes.flat()) if (!outcome.ok) failures.push(outcome);
  } finally {
    await Promise.all([rm(dir, { recursive: true, force: true }), progress.flush()]);
  }

  const result = await resultOf<PerRecipientResult>(run.id, resend, {
    recipients: total,
    delivered: alreadySentAmong(recipients, alreadySent) + sentNow,
    failed: failures.length,
    format: subscription.format,
    bytes,
    groups: new Set(recipients.map((r) => r.filterValue)).size,
    ...(ignored.length ? { ignored: { count: ignored.length, first: ignored.slice(0, IGNORED_KEPT) } } : {}),
    ...(optedOut.length > 0 ? { unsubscribed: optedOut.length } : {}),
  });
  log.info({ runId: run.id, ...result, ignored: ignored.length, skipped, rows }, "per-recipient run attempt done");

  if (failures.length > 0) {
    const message = `${failures.length} of ${total} recipients could not be e-mailed: ${failures[0]?.error}`;
    if (failures.every((failure) => failure.permanent)) throw new PermanentRunError(message, result);
    throw new PartialRunError(message, result);
  }
  await markSucceeded(run.id, result);
  return result;
}

/** Re-send to failed: the named recipients whose delivery failed, each with the value it was for. */
async function resendRecipientsOf(runId: string, named: string[]) {
  const wanted = new Set(named.map((email) => email.toLowerCase()));
  const recipients: BurstRecipient[] = (await failedDeliveries(runId)).filter((d) => wanted.has(d.email.toLowerCase()));
  return { recipients, invalid: [], ignored: [] as IgnoredRecipient[] };
}

/** Recipients by filter value, in the order the values first appear. */
function groupByValue(recipients: { email: string; filterValue: string | null }[]): Group[] {
  const byValue = new Map<string | null, string[]>();
  for (const { email, filterValue } of recipients) {
    const group = byValue.get(filterValue);
    if (group) group.push(email);
    else byValue.set(filterValue, [email]);
  }
  return [...byValue].map(([filterValue, emails]) => ({ filterValue, recipients: emails }));
}

/**
 * The report for one filter value. A failure the same SQL would meet again (a value the column's type cannot
 * take, the row limit) fails that value's recipients only; anything else (the warehouse unreachable) ends the
 * attempt, to be retried.
 */
async function renderGroup(
  runId: string,
  subscription: { reportId: string; format: Subscription["format"]; filterColumn: string | null },
  group: Group,
  dir: string,
  onRows: (rows: number) => void,
) {
  // A value with no column to compare it with (the subscription changed since the run) must not mean every row.
  if (group.filterValue !== null && !subscription.filterColumn) {
    return { ok: false as const, error: "The subscription has no Filter column to filter on." };
  }
  const filter =
    group.filterValue !== null && subscription.filterColumn
      ? { column: subscription.filterColumn, value: group.filterValue }
      : undefined;
  try {
    const started = performance.now();
    const file = await renderReportFile(subscription.reportId, subscription.format, dir, onRows, filter);
    const renderMs = Math.round(performance.now() - started);
    log.info(
      { runId, filterValue: group.filterValue, rows: file.rows, bytes: file.bytes, renderMs },
      "report rendered for a filter value",
    );
    return { ok: true as const, file };
  } catch (error) {
    if (!(error instanceof PermanentRunError)) throw error;
    const message = filter
      ? `The report for ${filter.column} = "${filter.value}" failed: ${error.message}`
      : error.message;
    return { ok: false as const, error: message };
  }
}

function alreadySentAmong(recipients: { email: string }[], alreadySent: Set<string>): number {
  return recipients.filter((r) => alreadySent.has(r.email.toLowerCase())).length;
}

async function burstSubscriptionOf(id: string) {
  const [subscription] = await db
    .select({
      id: subscriptions.id,
      timeZone: subscriptions.timeZone,
      reportId: subscriptions.reportId,
      format: subscriptions.format,
      subject: subscriptions.subject,
      message: subscriptions.message,
      onlyWhenRows: subscriptions.onlyWhenRows,
      recipientsMode: subscriptions.recipientsMode,
      recipients: subscriptions.recipients,
      recipientFilterValues: subscriptions.recipientFilterValues,
      filterColumn: subscriptions.filterColumn,
      recipientsQuery: subscriptions.recipientsQuery,
    })
    .from(subscriptions)
    .where(eq(subscriptions.id, id))
    .limit(1);
  return subscription ?? null;
}
