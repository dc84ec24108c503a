import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { userActor } from "../../lib/audit/record";
import { db } from "../../lib/db/client";
import { auditEvents, reports, subscriptions, users } from "../../lib/db/schema";
import { DomainError } from "../../lib/domain-error";
import { runsQueue } from "../../lib/queue/producer";
import { startSubscriptionRun } from "../../lib/runs/start";
import { runDate } from "../../lib/subscriptions/mail-template";
import { resendToFailed } from "../../lib/subscriptions/resend";
import { verifyUnsubscribeId } from "../../lib/subscriptions/unsubscribe-link";
import { resubscribe, unsubscribe } from "../../lib/subscriptions/unsubscribes";
import {
  closeTestClients,
  CONSOLE_USER,
  createReport,
  createSubscription,
  deliveriesOf,
  waitForRunEnd,
} from "./helpers/fixtures";
import { SmtpSink, type ReceivedMail } from "./helpers/smtp-sink";
import { WorkerProcess } from "./helpers/worker-process";
import { waitFor } from "./helpers/wait";
import { workerEnv } from "./helpers/worker-env";

const THREE_ROWS = "select g as id, 'Row ' || g as label from generate_series(1, 3) as g";
const NO_ROWS = "select g as id from generate_series(1, 3) as g where false";

const sink = new SmtpSink();
let worker: WorkerProcess;

beforeAll(async () => {
  const port = await sink.start();
  worker = await WorkerProcess.start(workerEnv({ SMTP_URL: `smtp://127.0.0.1:${port}` }));
});

afterAll(async () => {
  await worker?.stop();
  await sink.stop();
  await closeTestClients();
});

beforeEach(() => sink.reset());

async function subscriptionWith(
  query: string,
  recipients: string[],
  options: Partial<typeof subscriptions.$inferInsert> = {},
): Promise<string> {
  const reportId = await createReport(query, `Report ${randomUUID().slice(0, 8)}`);
  const id = await createSubscription({ reportId, format: "csv", recipients });
  if (Object.keys(options).length > 0) await db.update(subscriptions).set(options).where(eq(subscriptions.id, id));
  return id;
}

async function runToEnd(subscriptionId: string) {
  const { run } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });
  return waitForRunEnd(run.id);
}

/** A run's job has ended: whatever the run's end does after its status (a failure notice) has been done. */
async function waitForJobEnd(runId: string): Promise<void> {
  await waitFor(`the job of run ${runId} to end`, async () => {
    const state = await (await runsQueue().getJob(runId))?.getState();
    return state === "completed" || state === "failed" ? true : null;
  });
}

const only = (mails: ReceivedMail[]): ReceivedMail => {
  expect(mails).toHaveLength(1);
  return mails[0];
};

describe("Only send when the report has rows", () => {
  it("succeeds without e-mailing anyone when the report is empty, recording each recipient as skipped", async () => {
    const recipients = ["empty-a@example.com", "empty-b@example.com"];
    const id = await subscriptionWith(NO_ROWS, recipients, { onlyWhenRows: true });
    const run = await runToEnd(id);
    expect(run.status).toBe("succeeded");
    expect(run.result).toMatchObject({ skipped: "no rows", delivered: 0, failed: 0 });
    for (const recipient of recipients) expect(sink.for(recipient)).toHaveLength(0);
    const rows = await deliveriesOf(run.id);
    expect(rows.map((row) => [row.recipient, row.status, row.skipReason]).sort()).toEqual(
      recipients.map((recipient) => [recipient, "skipped", "no rows"]),
    );
  });

  it("still sends an empty report when the option is off, and a report with rows when it is on", async () => {
    const off = await subscriptionWith(NO_ROWS, ["empty-off@example.com"]);
    expect((await runToEnd(off)).result).toMatchObject({ delivered: 1 });
    only(sink.for("empty-off@example.com"));

    const withRows = await subscriptionWith(THREE_ROWS, ["rows-on@example.com"], { onlyWhenRows: true });
    const run = await runToEnd(withRows);
    expect(run.result).toMatchObject({ delivered: 1 });
    expect(run.result).not.toHaveProperty("skipped");
    only(sink.for("rows-on@example.com"));
  });
});

describe("Only send when the report changed", () => {
  it("skips a run whose rows equal the last delivered run's, and sends again once they differ", async () => {
    const id = await subscriptionWith(THREE_ROWS, ["changes@example.com"], { onlyWhenChanged: true });
    expect((await runToEnd(id)).result).toMatchObject({ delivered: 1 });
    expect(sink.for("changes@example.com")).toHaveLength(1);

    const unchanged = await runToEnd(id);
    expect(unchanged.status).toBe("succeeded");
    expect(unchanged.result).toMatchObject({ skipped: "unchanged", delivered: 0 });
    expect(sink.for("changes@example.com")).toHaveLength(1);
    expect((await deliveriesOf(unchanged.id))[0]).toMatchObject({ status: "skipped", skipReason: "unchanged" });

    const [{ reportId }] = await db
      .select({ reportId: subscriptions.reportId })
      .from(subscriptions)
      .where(eq(subscriptions.id, id));
    await db
      .update(reports)
      .set({ query: "select g as id, 'Row ' || g as label from generate_series(1, 4) as g" })
      .where(eq(reports.id, reportId));
    expect((await runToEnd(id)).result).toMatchObject({ delivered: 1 });
    expect(sink.for("changes@example.com")).toHaveLength(2);
  });
  it("lets a retry finish the recipients a first attempt could not reach, though the rows are unchanged", async () => {
    let refusals = 0;
    sink.rejectRecipient = (address) =>
      address === "later@example.com" && refusals++ === 0 ? { code: 451, message: "try again later" } : null;
    const id = await subscriptionWith(THREE_ROWS, ["now@example.com", "later@example.com"], {
      onlyWhenChanged: true,
    });
    const run = await runToEnd(id);
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBe(2);
    expect(run.result).toMatchObject({ delivered: 2, failed: 0 });
    expect(run.result).not.toHaveProperty("skipped");
    only(sink.for("now@example.com"));
    only(sink.for("later@example.com"));
  });
});

describe("the report e-mail", () => {
  it("fills in the variables, keeps unknown ones, and cannot gain a header from a value", async () => {
    const reportId = await createReport(THREE_ROWS, "Weekly\r\nBcc: intruder@example.com");
    const id = await createSubscription({ reportId, format: "csv", recipients: ["vars@example.com"] });
    await db
      .update(subscriptions)
      .set({
        subject: "{{report}} on {{date}}: {{rows}} rows {{owner}}",
        message: "Rows: {{rows}}\n<b>{{report}}</b> {{ date }}",
        timeZone: "Pacific/Kiritimati",
      })
      .where(eq(subscriptions.id, id));
    const run = await runToEnd(id);
    expect(run.status).toBe("succeeded");
    const date = runDate(run.createdAt, "Pacific/Kiritimati");

    const mail = only(sink.for("vars@example.com"));
    expect(mail.subject).toBe(`Weekly Bcc: intruder@example.com on ${date}: 3 rows {{owner}}`);
    expect(mail.headers.has("bcc")).toBe(false);
    expect(sink.for("intruder@example.com")).toHaveLength(0);
    expect(mail.text).toContain(`Rows: 3\n<b>Weekly\r\nBcc: intruder@example.com</b> ${date}`.replace("\r\n", "\n"));
    // The HTML part: the message escaped, and a preview table of the small report's rows.
    expect(mail.html).toContain("&lt;b&gt;Weekly");
    expect(mail.html).not.toContain("<b>Weekly");
    expect(mail.html).toContain("<table");
    expect(mail.html).toContain(">Row 3</td>");
    expect(mail.attachments).toHaveLength(1);
  });

  it("carries a signed one-click unsubscribe link for its recipient (RFC 8058)", async () => {
    const id = await subscriptionWith(THREE_ROWS, ["Header.Reader@example.com"]);
    await runToEnd(id);
    const mail = only(sink.for("Header.Reader@example.com"));
    expect(mail.headers.get("list-unsubscribe-post")).toEqual(["List-Unsubscribe=One-Click"]);
    const [header] = mail.headers.get("list-unsubscribe") ?? [];
    const url = /^<(.+)>$/.exec(header ?? "")?.[1] ?? "";
    expect(url).toMatch(new RegExp(`^${process.env.APP_URL ?? "http://localhost:\\d+"}/unsubscribe/`));
    expect(verifyUnsubscribeId(url.slice(url.lastIndexOf("/") + 1))).toEqual({
      subscriptionId: id,
      email: "header.reader@example.com",
    });
  });
});

describe("unsubscribed addresses", () => {
  it("are skipped with the reason until an admin removes them", async () => {
    const id = await subscriptionWith(THREE_ROWS, ["stays@example.com", "Leaves@example.com"]);
    expect(await unsubscribe(id, "leaves@example.com", "203.0.113.9")).toBe(true);
    // A second one-click POST changes nothing.
    expect(await unsubscribe(id, "leaves@example.com", "203.0.113.9")).toBe(true);

    const run = await runToEnd(id);
    expect(run.status).toBe("succeeded");
    expect(run.result).toMatchObject({ recipients: 2, delivered: 1, failed: 0, unsubscribed: 1 });
    expect(sink.for("Leaves@example.com")).toHaveLength(0);
    only(sink.for("stays@example.com"));
    const skipped = (await deliveriesOf(run.id)).find((row) => row.recipient === "Leaves@example.com");
    expect(skipped).toMatchObject({ status: "skipped", skipReason: "unsubscribed" });

    await resubscribe(id, "leaves@example.com", userActor({ id: CONSOLE_USER, email: "admin@example.com" }, null));
    await runToEnd(id);
    only(sink.for("Leaves@example.com"));
    const audit = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, "subscription"), eq(auditEvents.targetId, id)));
    expect(audit.map((row) => row.action).filter((a) => a.endsWith("subscribed"))).toEqual([
      "subscription.unsubscribed",
      "subscription.resubscribed",
    ]);
  });
});

describe("Re-send to failed", () => {
  it("retries only the failed recipients, as a new attempt of the same run, each e-mailed once", async () => {
    let refusing = true;
    sink.rejectRecipient = (address) =>
      refusing && address === "bouncy@example.com" ? { code: 550, message: "mailbox full" } : null;
    const recipients = ["first@example.com", "bouncy@example.com", "third@example.com"];
    const id = await subscriptionWith(THREE_ROWS, recipients);
    const failed = await runToEnd(id);
    expect(failed.status).toBe("failed");
    expect(failed.attempts).toBe(1);
    expect((await deliveriesOf(failed.id)).find((row) => row.recipient === "bouncy@example.com")?.error).toContain(
      "mailbox full",
    );

    refusing = false;
    const admin = userActor({ id: CONSOLE_USER, email: "admin@example.com" }, "198.51.100.7");
    expect(await resendToFailed(failed.id, admin)).toEqual({ recipients: ["bouncy@example.com"] });
    const resent = await waitForRunEnd(failed.id);
    expect(resent.status).toBe("succeeded");
    expect(resent.attempts).toBe(2);
    expect(resent.error).toBeNull();
    expect(resent.result).toMatchObject({ recipients: 3, delivered: 3, failed: 0 });
    for (const recipient of recipients) only(sink.for(recipient));
    expect((await deliveriesOf(failed.id)).every((row) => row.status === "sent")).toBe(true);

    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "subscription.resent"), eq(auditEvents.targetId, id)));
    expect(audit).toMatchObject({ actorUserId: CONSOLE_USER, details: { runId: failed.id } });

    await expect(resendToFailed(failed.id, admin)).rejects.toThrow(DomainError);
    await expect(resendToFailed(failed.id, admin)).rejects.toThrow("No recipient of this run failed.");
  });
});

describe("Notify me when a run fails", () => {
  it("e-mails the creator once per finally failed run, with the error and a link to the run", async () => {
    const [creator] = await db
      .insert(users)
      .values({ email: `creator-${randomUUID().slice(0, 8)}@example.com`, name: "Creator", passwordHash: "x" })
      .returning();
    const notified = await subscriptionWith("select * from no_such_table", ["n1@example.com"], {
      notifyOnFailure: true,
      createdBy: creator.id,
      name: "Nightly numbers",
    });
    const run = await runToEnd(notified);
    expect(run.status).toBe("failed");
    await waitForJobEnd(run.id);
    const notice = only(sink.for(creator.email));
    expect(notice.subject).toBe("Sluice: run of “Nightly numbers” failed");
    expect(notice.text).toContain('relation "no_such_table" does not exist');
    expect(notice.text).toContain(`/runs/${run.id}`);

    const quiet = await subscriptionWith("select * from no_such_table", ["n2@example.com"], {
      createdBy: creator.id,
    });
    const quietRun = await runToEnd(quiet);
    expect(quietRun.status).toBe("failed");
    await waitForJobEnd(quietRun.id);
    expect(sink.for(creator.email)).toHaveLength(1);
  });

  it("is not sent for a subscription nobody is recorded as having made", async () => {
    const id = await subscriptionWith("select * from no_such_table", ["n3@example.com"], { notifyOnFailure: true });
    const run = await runToEnd(id);
    expect(run.status).toBe("failed");
    await waitForJobEnd(run.id);
    expect(sink.messages).toHaveLength(0);
  });
});
