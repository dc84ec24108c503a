import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { userActor } from "../../lib/audit/record";
import { db } from "../../lib/db/client";
import { subscriptions } from "../../lib/db/schema";
import { warehouseSql } from "../../lib/warehouse/client";
import { startSubscriptionRun } from "../../lib/runs/start";
import { resendToFailed } from "../../lib/subscriptions/resend";
import { unsubscribe } from "../../lib/subscriptions/unsubscribes";
import {
  closeTestClients,
  CONSOLE_USER,
  createReport,
  deliveriesOf,
  getRunRow,
  waitForRunEnd,
} from "./helpers/fixtures";
import { SmtpSink, type ReceivedMail } from "./helpers/smtp-sink";
import { waitFor } from "./helpers/wait";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

// One row per sale with its region's name: the column recipients are filtered on.
const SALES_QUERY = `
  select s.id, r.name as region, s.amount
  from sales s join regions r on r.id = s.region_id
  order by s.id`;

const sink = new SmtpSink();
let env: Record<string, string>;
let worker: WorkerProcess | undefined;
let salesReport: string;

beforeAll(async () => {
  const port = await sink.start();
  env = workerEnv({ SMTP_URL: `smtp://127.0.0.1:${port}` });
  salesReport = await createReport(SALES_QUERY, "Sales");
});

beforeEach(async () => {
  sink.reset();
  worker = await WorkerProcess.start(env);
});

afterEach(async () => {
  await worker?.stop();
});

afterAll(async () => {
  await sink.stop();
  await closeTestClients();
});

async function burstSubscription(
  values: { reportId?: string; format?: "csv" | "pdf"; onlyWhenRows?: boolean; filterColumn?: string | null } & (
    { lines: [string, string][] } | { query: string }
  ),
): Promise<string> {
  const mode =
    "lines" in values
      ? {
          recipientsMode: "filter" as const,
          recipients: values.lines.map(([email]) => email),
          recipientFilterValues: values.lines.map(([, value]) => value),
        }
      : { recipientsMode: "query" as const, recipients: [], recipientsQuery: values.query };
  const [row] = await db
    .insert(subscriptions)
    .values({
      name: "Per region",
      reportId: values.reportId ?? salesReport,
      format: values.format ?? "csv",
      subject: "Your region",
      onlyWhenRows: values.onlyWhenRows ?? false,
      filterColumn: values.filterColumn === undefined ? "region" : values.filterColumn,
      ...mode,
    })
    .returning({ id: subscriptions.id });
  return row.id;
}

async function run(subscriptionId: string) {
  const { run: started } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });
  return waitForRunEnd(started.id);
}

/** The CSV attachment's data lines (header left out). */
function csvLines(mail: ReceivedMail | undefined): string[] {
  const [attachment] = mail?.attachments ?? [];
  if (!attachment) throw new Error("no attachment");
  return attachment.content.toString("utf8").trim().split(/\r?\n/).slice(1);
}

/** What the warehouse itself says the ids of a region's sales are. */
async function saleIds(region: string): Promise<string[]> {
  const rows = await warehouseSql.unsafe<{ id: number }[]>(
    "select s.id from warehouse.sales s join warehouse.regions r on r.id = s.region_id where r.name = $1 order by s.id",
    [region],
  );
  return rows.map((row) => String(row.id));
}

const idsOf = (lines: string[]) => lines.map((line) => line.split(",")[0] ?? "");

describe("per recipient filter", () => {
  it("sends each recipient only the rows of their value, one file per value, and records the value", async () => {
    const subscriptionId = await burstSubscription({
      onlyWhenRows: true,
      lines: [
        ["ann@example.com", "North"],
        ["bob@example.com", "North"],
        ["cy@example.com", "South"],
        ["dee@example.com", "Atlantis"],
      ],
    });
    const finished = await run(subscriptionId);
    expect(finished.status).toBe("succeeded");
    expect(finished.result).toMatchObject({ recipients: 4, delivered: 3, failed: 0, groups: 3 });

    const north = await saleIds("North");
    expect(north.length).toBeGreaterThan(0);
    for (const address of ["ann@example.com", "bob@example.com"]) {
      const mails = sink.for(address);
      expect(mails).toHaveLength(1);
      expect(idsOf(csvLines(mails[0]))).toEqual(north);
    }
    // Recipients of one value get the same file.
    expect(sink.for("ann@example.com")[0]?.attachments[0]?.content).toEqual(
      sink.for("bob@example.com")[0]?.attachments[0]?.content,
    );
    expect(idsOf(csvLines(sink.for("cy@example.com")[0]))).toEqual(await saleIds("South"));
    // A value that matches nothing: nobody e-mailed, the recipient visibly skipped.
    expect(sink.for("dee@example.com")).toHaveLength(0);

    const rows = (await deliveriesOf(finished.id)).map((d) => [d.recipient, d.status, d.filterValue, d.skipReason]);
    expect(rows.sort()).toEqual([
      ["ann@example.com", "sent", "North", null],
      ["bob@example.com", "sent", "North", null],
      ["cy@example.com", "sent", "South", null],
      ["dee@example.com", "skipped", "Atlantis", "no rows"],
    ]);
  });

  it("sends an empty report for a value without rows when reports without rows are sent too", async () => {
    const subscriptionId = await burstSubscription({ onlyWhenRows: false, lines: [["eve@example.com", "Atlantis"]] });
    const finished = await run(subscriptionId);
    expect(finished.status).toBe("succeeded");
    expect(finished.result).toMatchObject({ recipients: 1, delivered: 1, groups: 1 });
    expect(csvLines(sink.for("eve@example.com")[0])).toEqual([]);
  });

  it("filters in the database: a value's rows stay within the PDF row limit the whole report is over", async () => {
    // 100,001 rows: over the PDF limit of 100,000, so only a filtered read can succeed.
    const bigReport = await createReport(
      "select g as id, g % 1000 as bucket from generate_series(1, 100001) as g",
      "Buckets",
    );
    const subscriptionId = await burstSubscription({
      reportId: bigReport,
      format: "pdf",
      filterColumn: "bucket",
      lines: [["pat@example.com", "7"]],
    });
    const finished = await run(subscriptionId);
    expect(finished.status).toBe("succeeded");
    expect(sink.for("pat@example.com")).toHaveLength(1);
    expect((await getRunRow(finished.id)).progress).toMatchObject({ rows: 100 });
  });

  it("fails only the recipients whose value the column's type cannot take", async () => {
    const subscriptionId = await burstSubscription({
      filterColumn: "id",
      lines: [
        ["num@example.com", "3"],
        ["word@example.com", "three"],
      ],
    });
    const finished = await run(subscriptionId);
    expect(finished.status).toBe("failed");
    expect(finished.result).toMatchObject({ recipients: 2, delivered: 1, failed: 1, groups: 2 });
    expect(idsOf(csvLines(sink.for("num@example.com")[0]))).toEqual(["3"]);
    const word = (await deliveriesOf(finished.id)).find((d) => d.recipient === "word@example.com");
    expect(word).toMatchObject({ status: "failed", filterValue: "three" });
    expect(word?.error).toContain('The report for id = "three" failed');
    expect(word?.error).toContain("invalid input syntax for type integer");
  });

  it("fails the run with a clear message when the filter column has left the report", async () => {
    const subscriptionId = await burstSubscription({
      filterColumn: "territory",
      lines: [["ann@example.com", "North"]],
    });
    const finished = await run(subscriptionId);
    expect(finished.status).toBe("failed");
    expect(finished.error?.message).toContain('The report has no column "territory" to filter on');
    expect(sink.messages).toHaveLength(0);
  });
});

describe("a per-recipient subscription without its filter column", () => {
  it("sends nobody the whole report", async () => {
    const subscriptionId = await burstSubscription({ filterColumn: null, lines: [["ann@example.com", "North"]] });
    const finished = await run(subscriptionId);
    expect(finished.status).toBe("failed");
    expect(finished.error?.message).toBe("The subscription has no Filter column to filter on.");
    expect(sink.messages).toHaveLength(0);
  });
});

describe("recipients from a query", () => {
  it("e-mails each row's address its value's rows; bad rows fail or are left out with the reason", async () => {
    const subscriptionId = await burstSubscription({
      query: `select * from (values
          ('zed@example.com', 'North'),
          ('not an address', 'South'),
          ('ZED@example.com', 'South'),
          (null, 'East'),
          ('nova@example.com', null),
          ('yan@example.com', 'West')
        ) as v(email, filter_value)`,
    });
    const finished = await run(subscriptionId);
    expect(finished.status).toBe("failed");
    expect(finished.result).toMatchObject({
      recipients: 4,
      delivered: 2,
      failed: 2,
      groups: 2,
      ignored: {
        count: 2,
        first: [
          {
            email: "ZED@example.com",
            filterValue: "South",
            reason: 'Listed again with another value; the first ("North") is used',
          },
          { email: "", filterValue: "East", reason: "The row has no e-mail address" },
        ],
      },
    });
    expect(idsOf(csvLines(sink.for("zed@example.com")[0]))).toEqual(await saleIds("North"));
    expect(idsOf(csvLines(sink.for("yan@example.com")[0]))).toEqual(await saleIds("West"));
    expect(sink.messages).toHaveLength(2);
    const failed = (await deliveriesOf(finished.id)).filter((d) => d.status === "failed");
    expect(failed.map((d) => [d.recipient, d.error]).sort()).toEqual([
      ["not an address", "not an address is not a valid e-mail address"],
      ["nova@example.com", "The recipients query gave no filter_value for nova@example.com"],
    ]);
  });

  it("sends the whole report when the query returns no filter_value", async () => {
    const subscriptionId = await burstSubscription({
      filterColumn: null,
      query: "select email from owners where id in ('own-ada', 'own-alan')",
    });
    const finished = await run(subscriptionId);
    expect(finished.status).toBe("succeeded");
    expect(finished.result).toMatchObject({ recipients: 2, delivered: 2, groups: 1 });
    const all = await warehouseSql.unsafe<{ n: number }[]>("select count(*)::int as n from warehouse.sales");
    expect(csvLines(sink.for("ada@example.com")[0])).toHaveLength(all[0]?.n ?? -1);
  });

  it("refuses a query returning more recipients than the cap, e-mailing nobody", async () => {
    const subscriptionId = await burstSubscription({
      filterColumn: null,
      query: "select 'r' || g || '@example.com' as email from generate_series(1, 10001) as g",
    });
    const finished = await run(subscriptionId);
    expect(finished.status).toBe("failed");
    expect(finished.attempts).toBe(1);
    expect(finished.error?.message).toMatch(/^The recipients are more than 10,000/);
    expect(sink.messages).toHaveLength(0);
    expect(await deliveriesOf(finished.id)).toEqual([]);
  });

  it("refuses a query without an email column", async () => {
    const subscriptionId = await burstSubscription({ filterColumn: null, query: "select name from owners" });
    const finished = await run(subscriptionId);
    expect(finished.status).toBe("failed");
    expect(finished.error?.message).toBe("The recipients query returns no email column (it returns: name)");
  });
});

describe("per-recipient run and a worker crash", () => {
  it("e-mails every recipient its value's report exactly once after a kill -9 mid fan-out", async () => {
    const lines: [string, string][] = ["North", "South", "East", "West"].flatMap((region) =>
      [1, 2, 3].map((n): [string, string] => [`${region.toLowerCase()}-${n}@example.com`, region]),
    );
    const subscriptionId = await burstSubscription({ lines });
    // The server accepts a few messages, then stops answering: the worker is stuck in the middle of the fan-out.
    sink.holdAfter = 4;
    const { run: started } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });
    await waitFor("four deliveries recorded and more sends stuck", async () => {
      const sent = (await deliveriesOf(started.id)).filter((row) => row.status === "sent");
      return sent.length === 4 && sink.heldCount() > 0;
    });
    const crashed = worker;
    crashed?.crash();
    expect((await crashed?.exited)?.signal).toBe("SIGKILL");
    sink.release();
    expect((await getRunRow(started.id)).status).toBe("running");

    worker = await WorkerProcess.start(env);
    const finished = await waitForRunEnd(started.id);
    expect(finished.status).toBe("succeeded");
    expect(finished.attempts).toBe(2);
    expect(finished.result).toMatchObject({ recipients: 12, delivered: 12, failed: 0, groups: 4 });
    for (const [address, region] of lines) {
      const mails = sink.for(address);
      expect(mails, address).toHaveLength(1);
      expect(idsOf(csvLines(mails[0]))).toEqual(await saleIds(region));
    }
    const rows = await deliveriesOf(finished.id);
    expect(rows.map((d) => [d.recipient, d.status, d.filterValue]).sort()).toEqual(
      lines.map(([address, region]) => [address, "sent", region]).sort(),
    );
  });
});

describe("sending options in a per-recipient run", () => {
  it("skips unsubscribed addresses and fills the subject, message and preview with each recipient's rows", async () => {
    const subscriptionId = await burstSubscription({
      lines: [
        ["ann@example.com", "North"],
        ["Leaves@example.com", "North"],
        ["cy@example.com", "South"],
      ],
    });
    await db
      .update(subscriptions)
      .set({ subject: "{{rows}} rows of {{report}}", message: "You have {{rows}} rows." })
      .where(eq(subscriptions.id, subscriptionId));
    expect(await unsubscribe(subscriptionId, "leaves@example.com", null)).toBe(true);

    const finished = await run(subscriptionId);
    expect(finished.status).toBe("succeeded");
    expect(finished.result).toMatchObject({ recipients: 3, delivered: 2, failed: 0, unsubscribed: 1, groups: 2 });
    expect(sink.for("Leaves@example.com")).toHaveLength(0);
    for (const [address, region] of [
      ["ann@example.com", "North"],
      ["cy@example.com", "South"],
    ] as const) {
      const ids = await saleIds(region);
      const [mail] = sink.for(address);
      expect(mail?.subject).toBe(`${ids.length} rows of Sales`);
      expect(mail?.text).toContain(`You have ${ids.length} rows.`);
      expect(mail?.html).toContain(`You have ${ids.length} rows.`);
      expect(idsOf(csvLines(mail))).toEqual(ids);
    }
    const leaves = (await deliveriesOf(finished.id)).find((d) => d.recipient === "Leaves@example.com");
    expect(leaves).toMatchObject({ status: "skipped", skipReason: "unsubscribed", filterValue: "North" });
  });

  it("Re-send to failed retries only the failed recipients, each with the value of its failed delivery", async () => {
    let refusing = true;
    sink.rejectRecipient = (address) =>
      refusing && address === "bouncy@example.com" ? { code: 550, message: "mailbox full" } : null;
    const subscriptionId = await burstSubscription({
      lines: [
        ["ann@example.com", "North"],
        ["bouncy@example.com", "South"],
        ["cy@example.com", "East"],
      ],
    });
    const failed = await run(subscriptionId);
    expect(failed.status).toBe("failed");
    expect((await deliveriesOf(failed.id)).find((d) => d.recipient === "bouncy@example.com")).toMatchObject({
      status: "failed",
      filterValue: "South",
    });

    // The subscription changes after the run: the re-send completes the run as it was, with the value it failed on.
    await db
      .update(subscriptions)
      .set({ recipients: ["bouncy@example.com"], recipientFilterValues: ["West"] })
      .where(eq(subscriptions.id, subscriptionId));
    refusing = false;
    const admin = userActor({ id: CONSOLE_USER, email: "admin@example.com" }, null);
    expect(await resendToFailed(failed.id, admin)).toEqual({ recipients: ["bouncy@example.com"] });
    const resent = await waitForRunEnd(failed.id);
    expect(resent.status).toBe("succeeded");
    expect(resent.attempts).toBe(2);
    expect(resent.result).toMatchObject({ recipients: 3, delivered: 3, failed: 0 });
    for (const address of ["ann@example.com", "bouncy@example.com", "cy@example.com"]) {
      expect(sink.for(address), address).toHaveLength(1);
    }
    expect(idsOf(csvLines(sink.for("bouncy@example.com")[0]))).toEqual(await saleIds("South"));
    expect((await deliveriesOf(failed.id)).map((d) => [d.recipient, d.status, d.filterValue]).sort()).toEqual([
      ["ann@example.com", "sent", "North"],
      ["bouncy@example.com", "sent", "South"],
      ["cy@example.com", "sent", "East"],
    ]);
  });

  it("Re-send to failed after a switch to a fixed list sends nobody the whole report", async () => {
    let refusing = true;
    sink.rejectRecipient = (address) =>
      refusing && address === "switch@example.com" ? { code: 550, message: "mailbox full" } : null;
    const subscriptionId = await burstSubscription({ lines: [["switch@example.com", "North"]] });
    const failed = await run(subscriptionId);
    expect(failed.status).toBe("failed");
    await db
      .update(subscriptions)
      .set({ recipientsMode: "list", recipientFilterValues: null, filterColumn: null })
      .where(eq(subscriptions.id, subscriptionId));
    refusing = false;
    await resendToFailed(failed.id, userActor({ id: CONSOLE_USER, email: "admin@example.com" }, null));
    const resent = await waitForRunEnd(failed.id);
    expect(resent.status).toBe("failed");
    expect(sink.for("switch@example.com")).toHaveLength(0);
    expect(await deliveriesOf(failed.id)).toMatchObject([
      {
        recipient: "switch@example.com",
        status: "failed",
        filterValue: "North",
        error: "The subscription has no Filter column to filter on.",
      },
    ]);
  });

  it("sends at every run: Only send when the report changed does not apply per recipient", async () => {
    const subscriptionId = await burstSubscription({ lines: [["same@example.com", "North"]] });
    // Set around the form, which refuses it for this mode.
    await db.update(subscriptions).set({ onlyWhenChanged: true }).where(eq(subscriptions.id, subscriptionId));
    expect((await run(subscriptionId)).status).toBe("succeeded");
    const second = await run(subscriptionId);
    expect(second.status).toBe("succeeded");
    expect(second.result).not.toHaveProperty("skipped");
    expect(sink.for("same@example.com")).toHaveLength(2);
  });
});
