import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSubscriptionRun } from "../../lib/runs/start";
import {
  closeTestClients,
  CONSOLE_USER,
  createReport,
  createSubscription,
  deliveriesOf,
  waitForRunEnd,
} from "./helpers/fixtures";
import { SmtpSink } from "./helpers/smtp-sink";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

const REGION_QUERY = `
  select r.name as region, count(*)::int as sales, sum(s.amount) as amount
  from sales s join regions r on r.id = s.region_id
  group by r.name order by r.name`;
const REGION_COLUMNS = ["region", "sales", "amount"];
const REGION_ROWS = 4;

const sink = new SmtpSink();
let worker: WorkerProcess;
let regionReport: string;

beforeAll(async () => {
  const port = await sink.start();
  worker = await WorkerProcess.start(workerEnv({ SMTP_URL: `smtp://127.0.0.1:${port}` }));
  regionReport = await createReport(REGION_QUERY);
});

afterAll(async () => {
  await worker?.stop();
  await sink.stop();
  await closeTestClients();
});

beforeEach(() => sink.reset());

describe("subscription run", () => {
  it.each(["pdf", "xlsx", "csv"] as const)("e-mails the %s report to each recipient exactly once", async (format) => {
    const recipients = ["ada", "alan", "grace"].map((name) => `${name}+${format}@example.com`);
    const subscriptionId = await createSubscription({ reportId: regionReport, format, recipients });
    const { run: started } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });
    expect(started.status).toBe("queued");

    const run = await waitForRunEnd(started.id);
    expect(run.status).toBe("succeeded");
    expect(run.error).toBeNull();
    expect(run.attempts).toBe(1);
    expect(run.startedAt).not.toBeNull();
    expect(run.finishedAt).not.toBeNull();
    expect(run.result).toMatchObject({ recipients: 3, delivered: 3, failed: 0, format });

    const rows = await deliveriesOf(run.id);
    expect(rows.map((row) => [row.recipient, row.status]).sort()).toEqual(recipients.map((r) => [r, "sent"]).sort());

    for (const recipient of recipients) {
      const mails = sink.for(recipient);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail.subject).toBe("Your report");
      expect(mail.text.trim()).toBe("Hello,\nhere is the report.");
      expect(mail.attachments).toHaveLength(1);
      const [attachment] = mail.attachments;
      expect(attachment.filename).toMatch(new RegExp(`^sales-by-region-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
      expect(attachment.content.length).toBe(run.result?.bytes);
      await expectReadable(format, attachment.content);
    }
  });

  it("retries only the recipients a server turned away for now", async () => {
    let refusals = 0;
    sink.rejectRecipient = (address) =>
      address === "flaky@example.com" && refusals++ === 0 ? { code: 451, message: "try again later" } : null;
    const recipients = ["steady@example.com", "flaky@example.com", "calm@example.com"];
    const subscriptionId = await createSubscription({ reportId: regionReport, format: "csv", recipients });
    const { run: started } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });

    const run = await waitForRunEnd(started.id);
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBe(2);
    expect(run.error).toBeNull();
    expect(run.result).toMatchObject({ recipients: 3, delivered: 3, failed: 0 });
    for (const recipient of recipients) expect(sink.for(recipient)).toHaveLength(1);
    expect((await deliveriesOf(run.id)).every((row) => row.status === "sent")).toBe(true);
  });

  it("fails at once, keeping what was delivered, when a server refuses a recipient for good", async () => {
    sink.rejectRecipient = (address) =>
      address === "nobody@example.com" ? { code: 550, message: "no such user" } : null;
    const recipients = ["one@example.com", "nobody@example.com", "two@example.com"];
    const subscriptionId = await createSubscription({ reportId: regionReport, format: "csv", recipients });
    const { run: started } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });

    const run = await waitForRunEnd(started.id);
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(1);
    expect(run.error?.message).toMatch(/^1 of 3 recipients could not be e-mailed: .*no such user/);
    expect(run.result).toMatchObject({ recipients: 3, delivered: 2, failed: 1 });
    const rows = await deliveriesOf(run.id);
    expect(rows.find((row) => row.recipient === "nobody@example.com")?.status).toBe("failed");
    expect(rows.filter((row) => row.status === "sent")).toHaveLength(2);
    expect(sink.for("nobody@example.com")).toHaveLength(0);
  });

  it("fails at once for an address no server could accept, still e-mailing the others", async () => {
    const subscriptionId = await createSubscription({
      reportId: regionReport,
      format: "csv",
      recipients: ["fine@example.com", "not an address"],
    });
    const { run: started } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });

    const run = await waitForRunEnd(started.id);
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(1);
    expect(run.error?.message).toBe(
      "1 of 2 recipients could not be e-mailed: not an address is not a valid e-mail address",
    );
    expect(sink.for("fine@example.com")).toHaveLength(1);
  });

  it("fails at once with the database's message when the report's query is broken", async () => {
    const reportId = await createReport("select * from no_such_table", "Broken");
    const subscriptionId = await createSubscription({ reportId, format: "pdf", recipients: ["x@example.com"] });
    const { run: started } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });

    const run = await waitForRunEnd(started.id);
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(1);
    expect(run.error?.message).toContain('relation "no_such_table" does not exist');
    expect(sink.for("x@example.com")).toHaveLength(0);
  });

  // How fast deliveries go is measured by the benchmark (npm run bench), not here.
  it("e-mails a 100-row report to 50 recipients, each exactly once", async () => {
    const reportId = await createReport(
      "select g as id, 'Row ' || g as label, g * 1.5 as amount, date '2026-01-01' + g as day from generate_series(1, 100) as g",
      "Many recipients",
    );
    const recipients = Array.from({ length: 50 }, (_, i) => `reader${i}@example.com`);
    const subscriptionId = await createSubscription({ reportId, format: "csv", recipients });
    const { run: started } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });
    const run = await waitForRunEnd(started.id);
    expect(run.status).toBe("succeeded");
    expect(run.result).toMatchObject({ recipients: 50, delivered: 50, failed: 0 });
    for (const recipient of recipients) expect(sink.for(recipient)).toHaveLength(1);
  });
});

async function expectReadable(format: "pdf" | "xlsx" | "csv", content: Buffer): Promise<void> {
  if (format === "pdf") {
    expect(content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    return;
  }
  if (format === "csv") {
    const lines = content.toString("utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe(REGION_COLUMNS.join(","));
    expect(lines).toHaveLength(REGION_ROWS + 1);
    expect(lines[1]).toMatch(/^East,\d+,\d+\.\d{2}$/);
    return;
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(content).buffer);
  const sheet = workbook.worksheets[0];
  expect(sheet.getRow(1).values).toEqual([undefined, ...REGION_COLUMNS]);
  expect(sheet.rowCount).toBe(REGION_ROWS + 1);
  expect(sheet.getRow(2).getCell(1).value).toBe("East");
}
