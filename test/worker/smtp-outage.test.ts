import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import { readMailHealth } from "../../lib/health/mail";
import { sharedRedis } from "../../lib/redis";
import { sql } from "../../lib/db/client";
import { startSubscriptionRun } from "../../lib/runs/start";
import {
  closeTestClients,
  CONSOLE_USER,
  createReport,
  createSubscription,
  deliveriesOf,
  getRunRow,
  waitForRunEnd,
} from "./helpers/fixtures";
import { SmtpSink } from "./helpers/smtp-sink";
import { Tarpit } from "./helpers/tarpit";
import { waitFor } from "./helpers/wait";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

// The outage the issue describes: the mail server is down for 10 s in the middle of a run.
const OUTAGE_MS = 10_000;
// Attempts at 0, 2, 6, 14, 30 s (RUN_JOB_BACKOFF): a run outlives a 10 s outage with attempts to spare.
const RECOVERY_LIMIT_MS = 60_000;
// Short bounds so a drill takes seconds; their order is the one production's defaults keep (lib/env.ts).
const BOUNDS = {
  SMTP_CONNECTION_TIMEOUT_MS: "2000",
  SMTP_GREETING_TIMEOUT_MS: "2000",
  SMTP_SOCKET_TIMEOUT_MS: "3000",
  SMTP_MESSAGE_TIMEOUT_MS: "5000",
  RUN_STALL_LIMIT_MS: "8000",
  RUN_STUCK_AFTER_MS: "15000",
};
const DRILL = { timeout: 3 * RECOVERY_LIMIT_MS };

const sink = new SmtpSink();
let smtpPort = 0;
let worker: WorkerProcess | undefined;
let reportId: string;
const env = () => workerEnv({ ...BOUNDS, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });

beforeAll(async () => {
  smtpPort = await sink.start();
  reportId = await createReport("select id, name from regions order by id", "Regions");
});

beforeEach(async () => {
  sink.reset();
  worker = await WorkerProcess.start(env());
  // What the worker said is the first thing to read when a drill fails.
  onTestFailed(() => console.log(worker?.output.split("\n").slice(-80).join("\n")));
});

afterEach(async () => {
  await worker?.stop();
});

afterAll(async () => {
  await sink.stop();
  sharedRedis().disconnect();
  await closeTestClients();
});

const recipientsOf = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}@example.com`);

function expectEachMailedOnce(recipients: string[]): void {
  const counts = recipients.map((recipient) => sink.for(recipient).length);
  expect(counts).toEqual(recipients.map(() => 1));
}

async function startRun(recipients: string[], format: "csv" | "pdf" = "csv"): Promise<string> {
  const subscriptionId = await createSubscription({ reportId, format, recipients });
  const { run } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });
  return run.id;
}

async function failedDeliveryMatching(runId: string, pattern: RegExp) {
  return (await deliveriesOf(runId)).find((row) => row.status === "failed" && pattern.test(row.error ?? ""));
}

describe("mail server outage", () => {
  it(
    "a run survives the server stopping mid-run and coming back 10 s later, without a worker restart",
    DRILL,
    async () => {
      const recipients = recipientsOf("outage", 50);
      // Accept 20 messages, then leave the next ones unanswered: the run is mid-way when the server dies.
      sink.holdAfter = 20;
      const runId = await startRun(recipients);
      await waitFor("20 deliveries and the next sends in flight", async () => {
        const sent = (await deliveriesOf(runId)).filter((row) => row.status === "sent");
        return sent.length === 20 && sink.heldCount() > 0;
      });
      await sink.crash();
      const stoppedAt = Date.now();

      // Each failure is recorded on its recipient with the reason; the run waits to retry, and says why.
      await waitFor("a refused connection recorded on a recipient", () =>
        failedDeliveryMatching(runId, /ECONNREFUSED/),
      );
      const waiting = await waitFor("the run to wait for its next attempt", async () => {
        const run = await getRunRow(runId);
        return run.status === "running" && run.retryAt ? run : null;
      });
      expect(waiting.error?.message).toMatch(/^30 of 50 recipients could not be e-mailed: /);
      const health = await waitFor("the workers' mail health to say failing", async () => {
        const mail = await readMailHealth();
        return mail.status === "failing" ? mail : null;
      });
      expect(health.lastError).toMatch(/ECONNREFUSED|Connection closed/);
      expect(Date.parse(health.since)).toBeLessThanOrEqual(Date.now());

      // The scenario's length, not a wait for a state: the server stays down for the whole outage.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
      await sink.start(smtpPort);

      const run = await waitForRunEnd(runId, RECOVERY_LIMIT_MS);
      expect(run.status).toBe("succeeded");
      expect(run.attempts).toBeGreaterThan(1);
      expect(run.retryAt).toBeNull();
      expect(run.result).toMatchObject({ recipients: 50, delivered: 50, failed: 0 });
      expectEachMailedOnce(recipients);
      expect((await deliveriesOf(run.id)).every((row) => row.status === "sent")).toBe(true);
      expect(await readMailHealth()).toEqual({ status: "ok" });

      // A run started after the outage goes through at once on the same worker.
      const later = recipientsOf("after-outage", 2);
      const nextRun = await waitForRunEnd(await startRun(later, "pdf"));
      expect(nextRun.status).toBe("succeeded");
      expect(nextRun.attempts).toBe(1);
      expectEachMailedOnce(later);
      // One worker process did all of it.
      expect(worker?.output.match(/"msg":"worker started"/g)).toHaveLength(1);
    },
  );

  it(
    "gives up on a server that accepts the connection and never answers, then delivers once one does",
    DRILL,
    async () => {
      await sink.crash();
      const tarpit = new Tarpit();
      await tarpit.start(smtpPort);
      const recipients = recipientsOf("tarpit", 3);
      let runId = "";
      try {
        runId = await startRun(recipients);
        // Ended by the greeting timeout: recorded on each recipient, the run waiting to retry.
        await waitFor("every recipient failed with the server's silence as the reason", async () => {
          const rows = await deliveriesOf(runId);
          return (
            rows.length === 3 &&
            rows.every((row) => row.status === "failed" && /Greeting never received/.test(row.error ?? ""))
          );
        });
        expect((await getRunRow(runId)).status).toBe("running");
      } finally {
        await tarpit.stop();
      }
      await sink.start(smtpPort);
      const run = await waitForRunEnd(runId, RECOVERY_LIMIT_MS);
      expect(run.status).toBe("succeeded");
      expectEachMailedOnce(recipients);
    },
  );

  it("ends a send whose server stops answering in the middle of a message", DRILL, async () => {
    // Every message's data arrives, and no reply ever comes: the socket timeout ends each send.
    sink.holdAfter = 0;
    const recipients = recipientsOf("silent", 3);
    const runId = await startRun(recipients);
    await waitFor("a send ended by the server's silence mid-message", () => failedDeliveryMatching(runId, /Timeout/));
    // Nothing held was accepted (no 250 was sent): the server now answers, and the retry delivers each once.
    sink.release();
    const run = await waitForRunEnd(runId, RECOVERY_LIMIT_MS);
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBeGreaterThan(1);
    expectEachMailedOnce(recipients);
  });

  it("retries the recipients whose connection was reset mid-message", DRILL, async () => {
    sink.resetMidMessage = 4;
    const recipients = recipientsOf("reset", 12);
    const runId = await startRun(recipients);
    await waitFor("a reset connection recorded on a recipient", () =>
      failedDeliveryMatching(runId, /ECONNRESET|Connection closed/),
    );
    const run = await waitForRunEnd(runId, RECOVERY_LIMIT_MS);
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBeGreaterThan(1);
    expect(run.result).toMatchObject({ recipients: 12, delivered: 12, failed: 0 });
    expectEachMailedOnce(recipients);
  });
});

describe("stuck attempts", () => {
  it("the watchdog stops an attempt that makes no progress; the retry waits for its work to end", DRILL, async () => {
    const recipients = recipientsOf("stalled", 3);
    sink.holdAfter = 0;
    const runId = await startRun(recipients);
    await waitFor("every send in flight", async () => sink.heldCount() === 3);
    // The database stops taking delivery records: each accepted message's record waits, and the attempt with it.
    const blocker = await sql.reserve();
    try {
      await blocker`begin`;
      await blocker`lock table deliveries in exclusive mode`;
      sink.release(true);
      const stopped = await waitFor("the watchdog to fail the attempt", async () => {
        const run = await getRunRow(runId);
        return run.error?.message.startsWith("No progress for 8 s") ? run : null;
      });
      expect(stopped.status).toBe("running");
      await worker?.waitForOutput("the run stays locked until it ends");
      // No second attempt while the first one's records are still pending.
      expect((await getRunRow(runId)).attempts).toBe(1);
    } finally {
      await blocker`rollback`;
      blocker.release();
    }
    const run = await waitForRunEnd(runId, RECOVERY_LIMIT_MS);
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBe(2);
    expectEachMailedOnce(recipients);
    expect((await deliveriesOf(runId)).map((row) => row.status)).toEqual(["sent", "sent", "sent"]);
  });

  it("the reconciler fails, visibly, a run whose worker froze mid-send", DRILL, async () => {
    const recipients = recipientsOf("frozen", 3);
    sink.holdAfter = 1;
    const runId = await startRun(recipients);
    await waitFor("one delivery recorded and two sends in flight", async () => {
      const sent = (await deliveriesOf(runId)).filter((row) => row.status === "sent");
      return sent.length === 1 && sink.heldCount() === 2;
    });
    const frozen = worker;
    frozen?.freeze();
    const other = await WorkerProcess.start(env());
    try {
      const run = await waitForRunEnd(runId, RECOVERY_LIMIT_MS);
      expect(run.status).toBe("failed");
      expect(run.error?.message).toMatch(/^No progress since .*: the worker running it stopped responding/);
      await other.waitForOutput("failed a run stuck without progress");
      // The frozen worker wakes: it sends nothing more for the failed run, and nobody got the report twice.
      sink.release();
      frozen?.thaw();
      await frozen?.waitForOutput("run attempt made no progress");
      const [sent] = (await deliveriesOf(runId)).filter((row) => row.status === "sent");
      expect(recipients.map((recipient) => sink.for(recipient).length)).toEqual(
        recipients.map((recipient) => (recipient === sent.recipient ? 1 : 0)),
      );
      expect((await getRunRow(runId)).status).toBe("failed");
    } finally {
      frozen?.thaw();
      await other.stop();
    }
  });
});
