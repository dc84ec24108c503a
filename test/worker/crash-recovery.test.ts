import { Queue } from "bullmq";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, sql } from "../../lib/db/client";
// The app role may not create triggers; the database owner does, as a migration would.
import { closeWarehouseOwnerSql, warehouseOwnerSql } from "../../lib/warehouse/owner";
import { deliveries, runs, subscriptions } from "../../lib/db/schema";
import { bullConnection, QUEUE_PREFIX } from "../../lib/queue/connection";
import { RUNS_QUEUE, SCHEDULES_QUEUE, type ScheduleJob } from "../../lib/queue/contract";
import { RUN_LOCK_CLASS } from "../../lib/runs/lifecycle-lock";
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

// SPEC-level promise under test: SIGTERM lets the active run finish and the process exit within 30 s.
const SHUTDOWN_LIMIT_MS = 30_000;

const sink = new SmtpSink();
let env: Record<string, string>;
let worker: WorkerProcess | undefined;
let reportId: string;

beforeAll(async () => {
  const port = await sink.start();
  env = workerEnv({ SMTP_URL: `smtp://127.0.0.1:${port}` });
  reportId = await createReport("select id, name, email from owners order by id", "Owners");
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
  await closeWarehouseOwnerSql();
});

describe("worker recovery", () => {
  it("finishes a run after the worker is killed mid-send, e-mailing nobody twice", async () => {
    const recipients = ["first@example.com", "second@example.com", "third@example.com"];
    const subscriptionId = await createSubscription({ reportId, format: "csv", recipients });
    // The server accepts one message, then stops answering: the worker is stuck mid-send.
    sink.holdAfter = 1;
    const { run: started } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });

    await waitFor("one delivery recorded and two sends stuck", async () => {
      const sent = (await deliveriesOf(started.id)).filter((row) => row.status === "sent");
      return sent.length === 1 && sink.heldCount() === 2;
    });
    const crashed = worker;
    crashed?.crash();
    expect((await crashed?.exited)?.signal).toBe("SIGKILL");
    // The stuck messages were never accepted (no 250), so they were not delivered; the server works again.
    sink.release();
    expect((await getRunRow(started.id)).status).toBe("running");

    worker = await WorkerProcess.start(env);
    const run = await waitForRunEnd(started.id);
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBe(2);
    expect(run.result).toMatchObject({ recipients: 3, delivered: 3, failed: 0 });
    for (const recipient of recipients) expect(sink.for(recipient)).toHaveLength(1);
    expect((await deliveriesOf(run.id)).map((row) => row.status)).toEqual(["sent", "sent", "sent"]);
  });

  it("ends an attempt whose delivery record failed only after every send in flight has ended", async () => {
    const recipients = ["boom@example.com", ...["a", "b", "c", "d"].map((name) => `calm-${name}@example.com`)];
    const subscriptionId = await createSubscription({ reportId, format: "csv", recipients });
    // boom is turned away for now (and will be retried); recording that fails, as a database error mid-send would.
    let refusals = 0;
    sink.rejectRecipient = (address) =>
      address === "boom@example.com" && refusals++ === 0 ? { code: 451, message: "try again later" } : null;
    // The others are on the wire: their data is in, the server's reply still to come.
    sink.holdAfter = 0;
    await warehouseOwnerSql().unsafe(`
      create or replace function refuse_boom_failure() returns trigger language plpgsql as $$
      begin
        if new.recipient = 'boom@example.com' and new.status = 'failed' then
          raise exception 'delivery records are unavailable';
        end if;
        return new;
      end $$;
      create trigger refuse_boom_failure before insert or update on deliveries
        for each row execute function refuse_boom_failure();`);
    try {
      const { run: started } = await startSubscriptionRun(subscriptionId, {
        trigger: "console",
        userId: CONSOLE_USER,
      });
      await worker?.waitForOutput("delivery failed; waiting for the sends in flight before ending the attempt");
      // The attempt has not ended (its lock is held, nothing recorded on the run): a retry now would send again.
      const running = await getRunRow(started.id);
      expect(running).toMatchObject({ status: "running", attempts: 1, error: null });
      await warehouseOwnerSql().unsafe(`drop trigger refuse_boom_failure on deliveries`);
      sink.release(true);

      const run = await waitForRunEnd(started.id);
      expect(run.status).toBe("succeeded");
      expect(run.attempts).toBe(2);
      for (const recipient of recipients) expect(sink.for(recipient)).toHaveLength(1);
    } finally {
      await warehouseOwnerSql().unsafe(
        `drop trigger if exists refuse_boom_failure on deliveries; drop function if exists refuse_boom_failure()`,
      );
    }
  });

  it("does not e-mail again a recipient whose address was re-typed in another case between attempts", async () => {
    const subscriptionId = await createSubscription({
      reportId,
      format: "csv",
      recipients: ["Ann.Lee@Example.com", "bob@example.com"],
    });
    // An earlier attempt delivered to the address as it was typed then; its job is gone (the reconciler adds one).
    const [run] = await db
      .insert(runs)
      .values({
        kind: "subscription",
        subscriptionId,
        trigger: "api",
        status: "running",
        attempts: 1,
        startedAt: new Date(),
      })
      .returning();
    await db
      .insert(deliveries)
      .values({ runId: run.id, recipient: "ann.lee@example.com", status: "sent", messageId: "<earlier@sluice.local>" });

    const finished = await waitForRunEnd(run.id);
    expect(finished.status).toBe("succeeded");
    expect(finished.result).toMatchObject({ recipients: 2, delivered: 2, failed: 0 });
    expect(sink.messages.map((mail) => mail.to)).toEqual([["bob@example.com"]]);
  });

  it("on SIGTERM finishes the active run, then exits 0", async () => {
    const recipients = ["slow1@example.com", "slow2@example.com", "slow3@example.com"];
    const subscriptionId = await createSubscription({ reportId, format: "xlsx", recipients });
    sink.delayMs = 1_500;
    const { run: started } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });
    await waitFor("the run to be in progress", async () => (await getRunRow(started.id)).status === "running");

    const stopping = worker;
    const signalledAt = Date.now();
    stopping?.terminate();
    const exit = await stopping?.exited;
    const tookMs = Date.now() - signalledAt;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(SHUTDOWN_LIMIT_MS);
    expect(stopping?.output).toContain("worker stopped");

    const run = await getRunRow(started.id);
    expect(run.status).toBe("succeeded");
    expect(run.attempts).toBe(1);
    for (const recipient of recipients) expect(sink.for(recipient)).toHaveLength(1);
  });

  it("leaves a run alone while another process holds it, then finds it finished", async () => {
    const subscriptionId = await createSubscription({ reportId, format: "csv", recipients: ["locked@example.com"] });
    const [run] = await db.insert(runs).values({ kind: "subscription", subscriptionId, trigger: "api" }).returning();
    // Stand in for a second worker busy with this run.
    const holder = await sql.reserve();
    try {
      await holder`select pg_advisory_lock(${RUN_LOCK_CLASS}, hashtext(${run.id}))`;
      await worker?.waitForOutput("run is being processed elsewhere");
      expect((await getRunRow(run.id)).attempts).toBe(0);
      // The other process finishes the run and lets go.
      await db.update(runs).set({ status: "succeeded", finishedAt: new Date(), result: {} }).where(eq(runs.id, run.id));
      await holder`select pg_advisory_unlock(${RUN_LOCK_CLASS}, hashtext(${run.id}))`;
    } finally {
      holder.release();
    }
    const queue = new Queue(RUNS_QUEUE, { prefix: QUEUE_PREFIX, connection: bullConnection() });
    try {
      await waitFor(
        "the delayed job to complete as a no-op",
        async () => (await (await queue.getJob(run.id))?.getState()) === "completed",
      );
      expect((await queue.getJob(run.id))?.returnvalue).toEqual({ outcome: "already finished" });
    } finally {
      await queue.close();
    }
    expect((await getRunRow(run.id)).attempts).toBe(0);
    expect(sink.for("locked@example.com")).toHaveLength(0);
  });

  it("enqueues a queued run that has no job (its trigger could not reach Redis)", async () => {
    const subscriptionId = await createSubscription({ reportId, format: "pdf", recipients: ["orphan@example.com"] });
    const [orphan] = await db.insert(runs).values({ kind: "subscription", subscriptionId, trigger: "api" }).returning();
    const run = await waitForRunEnd(orphan.id);
    expect(run.status).toBe("succeeded");
    expect(sink.for("orphan@example.com")).toHaveLength(1);
  });

  it("turns a fired schedule into a run with trigger schedule, and skips a paused subscription", async () => {
    const activeId = await createSubscription({ reportId, format: "csv", recipients: ["scheduled@example.com"] });
    const pausedId = await createSubscription({ reportId, format: "csv", recipients: ["paused@example.com"] });
    await db
      .update(subscriptions)
      .set({ frequency: "daily", time: "08:00", timeZone: "UTC" })
      .where(inArray(subscriptions.id, [activeId, pausedId]));
    await db.update(subscriptions).set({ status: "paused" }).where(eq(subscriptions.id, pausedId));
    const queue = new Queue<ScheduleJob>(SCHEDULES_QUEUE, { prefix: QUEUE_PREFIX, connection: bullConnection() });
    try {
      // What a job scheduler adds when its cron pattern fires: the time it was meant for is prevMillis.
      const prevMillis = Date.parse("2026-01-15T08:00:00Z");
      const fired = await queue.add("subscription", { kind: "subscription", subscriptionId: activeId }, { prevMillis });
      const skipped = await queue.add(
        "subscription",
        { kind: "subscription", subscriptionId: pausedId },
        { prevMillis },
      );

      const scheduled = await waitFor("a scheduled run", async () => {
        const [run] = await db
          .select()
          .from(runs)
          .where(and(eq(runs.subscriptionId, activeId), eq(runs.trigger, "schedule")));
        return run;
      });
      expect((await waitForRunEnd(scheduled.id)).status).toBe("succeeded");
      expect(sink.for("scheduled@example.com")).toHaveLength(1);

      await waitFor("both schedule jobs to complete", async () => {
        const states = await Promise.all(
          [fired, skipped].map(async (job) => (await queue.getJob(job.id ?? ""))?.getState()),
        );
        return states.every((state) => state === "completed");
      });
      expect((await queue.getJob(skipped.id ?? ""))?.returnvalue).toEqual({ outcome: "skipped: paused" });
      expect(await db.select().from(runs).where(eq(runs.subscriptionId, pausedId))).toHaveLength(0);
    } finally {
      await queue.close();
    }
  });
});
