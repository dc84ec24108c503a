import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { subscriptions } from "../db/schema";
import { actorColumns, writeAudit, type Actor } from "../audit/record";
import { DomainError, notFound } from "../domain-error";
import { storeReportFile } from "../downloads/files";
import { env } from "../env";
import { sendReportMail, type ReportMail } from "../mail/send-report";
import { renderReportFile } from "../reports/render-file";
import { PermanentRunError } from "../runs/lifecycle-errors";
import { composeReportMail } from "./compose-mail";
import { testFilter } from "./test-email-filter";

// Marks the copy as a test in the signed-in user's inbox.
const TEST_SUBJECT_PREFIX = "[Test] ";
const REFUSAL_MAX = 300;

/**
 * Send test email: the subscription's e-mail, as its recipients would get it now, to the signed-in user only. Not a
 * run: nothing appears in the subscription's history and no delivery is recorded; the audit row says who asked. A
 * per-recipient subscription sends the report of its first recipient's value, named in the subject — never the whole
 * report when its recipients get filtered rows.
 */
export async function sendTestEmail(subscriptionId: string, to: string, actor: Actor): Promise<void> {
  const [subscription] = await db
    .select({
      reportId: subscriptions.reportId,
      format: subscriptions.format,
      subject: subscriptions.subject,
      message: subscriptions.message,
      timeZone: subscriptions.timeZone,
      recipientsMode: subscriptions.recipientsMode,
      recipients: subscriptions.recipients,
      recipientFilterValues: subscriptions.recipientFilterValues,
      filterColumn: subscriptions.filterColumn,
      recipientsQuery: subscriptions.recipientsQuery,
    })
    .from(subscriptions)
    .where(eq(subscriptions.id, subscriptionId))
    .limit(1);
  if (!subscription) throw notFound("subscription");
  const filter = await testFilter(subscription);
  const dir = await mkdtemp(join(tmpdir(), "sluice-test-mail-"));
  try {
    const file = await renderReportFile(subscription.reportId, subscription.format, dir, undefined, filter).catch(
      (error: unknown) => {
        if (error instanceof PermanentRunError) throw new DomainError("invalid", error.message);
        throw error;
      },
    );
    const report: ReportMail["report"] =
      file.bytes > env.MAIL_ATTACHMENT_MAX_BYTES
        ? { link: { ...(await storeReportFile(null, file)), filename: file.filename, bytes: file.bytes } }
        : { attachment: file };
    const mail = composeReportMail(subscription, file, report, new Date());
    await sendReportMail({ to, ...mail, subject: testSubject(mail.subject, filter), report }).catch(
      (error: unknown) => {
        const reply = (error instanceof Error ? error.message : String(error)).slice(0, REFUSAL_MAX);
        throw new DomainError("invalid", `The test e-mail could not be sent: ${reply}`);
      },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await writeAudit(db, {
    action: "subscription.test-email-sent",
    ...actorColumns(actor),
    targetType: "subscription",
    targetId: subscriptionId,
    details: { to, ...(filter ? { filter } : {}) },
  });
}

function testSubject(subject: string, filter: { column: string; value: string } | undefined): string {
  return `${TEST_SUBJECT_PREFIX}${subject}${filter ? ` (${filter.column} = ${filter.value})` : ""}`;
}
