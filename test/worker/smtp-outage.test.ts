import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFailed } from "vitest";
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
import { waitFor } from "./helpers/wait";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

// The outage the issue describes: the mail server is down for 10 s in the middle of a run.
const OUTAGE_MS = 10_000;
// Attempts at 0, 2, 6, 14 s (RUN_JOB_BACKOFF): the run finishes well within a minute of the server's return.
const RECOVERY_LIMIT_MS = 60_000;

// Short bounds so a drill takes seconds; their order is what production's defaults keep too.
const BOUNDS = {
  SMTP_CONNECTION_TIMEOUT_MS: "2000",
  SMTP_GREETING_TIMEOUT_MS: "2000",
  SMTP_SOCKET_TIMEOUT_MS: "3000",
  SMTP_MESSAGE_TIMEOUT_MS: "5000",
  RUN_STALL_LIMIT_MS: "8000",
  RUN_STUCK_AFTER_MS: "15000",
};

const sink = new SmtpSink();
let smtpPort = 0;
let worker: WorkerProcess | undefined;
let reportId: string;

beforeAll(async () => {
  smtpPort = await sink.start();
  reportId = await createReport("select id, name from regions order by id", "Regions");
});

beforeEach(async () => {
  sink.reset();
  worker = await WorkerProcess.start(workerEnv({ ...BOUNDS, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }));
  // What the worker said is the first thing to read when a drill fails.
  onTestFailed(() => console.log(worker?.output.split("\n").slice(-60).join("\n")));
});

afterEach(async () => {
  await worker?.stop();
});

afterAll(async () => {
  await sink.stop();
  await closeTestClients();
});

const recipientsOf = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}@example.com`);

function expectEachMailedOnce(recipients: string[]): void {
  const counts = recipients.map((recipient) => sink.for(recipient).length);
  expect(counts).toEqual(recipients.map(() => 1));
}

describe("mail server outage", () => {
  it(
    "a run survives the server stopping mid-run and coming back 10 s later, without a worker restart",
    {
      timeout: 3 * RECOVERY_LIMIT_MS,
    },
    async () => {
      const recipients = recipientsOf("outage", 50);
      const subscriptionId = await createSubscription({ reportId, format: "csv", recipients });
      // Accept 20 messages, then leave the next ones unanswered: the run is mid-way when the server dies.
      sink.holdAfter = 20;
      const { run: started } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });
      await waitFor("20 deliveries and the next sends in flight", async () => {
        const sent = (await deliveriesOf(started.id)).filter((row) => row.status === "sent");
        return sent.length === 20 && sink.heldCount() > 0;
      });
      await sink.crash();
      const stoppedAt = Date.now();
      await waitFor("a refused connection recorded on a recipient", async () =>
        (await deliveriesOf(started.id)).some((row) => row.status === "failed" && /ECONNREFUSED/.test(row.error ?? "")),
      );
      // The scenario's length, not a wait for a state: the server stays down for the whole outage.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
      await sink.start(smtpPort);

      const run = await waitForRunEnd(started.id, RECOVERY_LIMIT_MS);
      expect(run.status).toBe("succeeded");
      expect(run.attempts).toBeGreaterThan(1);
      expect(run.result).toMatchObject({ recipients: 50, delivered: 50, failed: 0 });
      expectEachMailedOnce(recipients);
      expect((await deliveriesOf(run.id)).every((row) => row.status === "sent")).toBe(true);

      // A run started after the outage goes through at once on the same worker.
      const later = recipientsOf("after-outage", 2);
      const laterId = await createSubscription({ reportId, format: "pdf", recipients: later });
      const { run: next } = await startSubscriptionRun(laterId, { trigger: "console", userId: CONSOLE_USER });
      const nextRun = await waitForRunEnd(next.id);
      expect(nextRun.status).toBe("succeeded");
      expect(nextRun.attempts).toBe(1);
      expectEachMailedOnce(later);
      // One worker process did all of it.
      expect(worker?.output.match(/"msg":"worker started"/g)).toHaveLength(1);
      expect((await getRunRow(started.id)).status).toBe("succeeded");
    },
  );
});
