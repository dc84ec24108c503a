import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { runs, subscriptions } from "../../lib/db/schema";
import { DomainError } from "../../lib/domain-error";
import { startSubscriptionRun, type RunOrigin } from "../../lib/runs/start";
import { createToken } from "../../lib/tokens/repository";
import { createUser } from "../../lib/users/repository";
import { systemActor } from "../../lib/audit/record";
import { closeTestClients, CONSOLE_USER, createReport, createSubscription, waitForRunEnd } from "./helpers/fixtures";
import { SmtpSink } from "./helpers/smtp-sink";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

// SPEC §4 and issue "no run floods": one token cannot queue a report many times, nor hold up schedules and the console.
const sink = new SmtpSink();
const testActor = systemActor("test fixture");
let worker: WorkerProcess | undefined;
let reportId: string;
let api: RunOrigin;
let smtpPort: number;

beforeAll(async () => {
  smtpPort = await sink.start();
  reportId = await createReport("select 1 as id, 'one' as label");
  const token = await createToken(
    {
      name: `flood-${randomUUID()}`,
      description: "",
      permissions: ["subscriptions:execute"],
      expiresAt: new Date(Date.now() + 86_400_000),
      createdBy: (
        await createUser(
          {
            email: `flood-${randomUUID()}@example.com`,
            name: "Flood",
            role: "admin",
            password: "a-long-enough-password",
          },
          testActor,
        )
      ).id,
    },
    testActor,
  );
  api = { trigger: "api", tokenId: token.id, label: "token flood" };
});

afterAll(async () => {
  await worker?.stop();
  await sink.stop();
  await closeTestClients();
});

const subscription = (name: string) =>
  createSubscription({ reportId, format: "csv", recipients: [`${name}@example.com`], name: `${name}-${randomUUID()}` });

describe("triggers while a run waits in the queue", () => {
  it("join the queued run of the same subscription instead of queueing another", async () => {
    const id = await subscription("burst");
    const started = await Promise.all(Array.from({ length: 10 }, () => startSubscriptionRun(id, api)));
    const ids = new Set(started.map((s) => s.run.id));
    expect(ids.size).toBe(1);
    expect(started.filter((s) => s.created)).toHaveLength(1);
    expect(await db.select({ id: runs.id }).from(runs).where(eq(runs.subscriptionId, id))).toHaveLength(1);
    // A console "Run now" joins it too: the report goes out once.
    const fromConsole = await startSubscriptionRun(id, { trigger: "console", userId: CONSOLE_USER });
    expect(fromConsole).toMatchObject({ created: false, run: { id: [...ids][0] } });
  });

  it("still answer 'paused' when the subscription was paused after its run was queued", async () => {
    const id = await subscription("paused");
    await startSubscriptionRun(id, api);
    await db.update(subscriptions).set({ status: "paused" }).where(eq(subscriptions.id, id));
    await expect(startSubscriptionRun(id, api)).rejects.toMatchObject({ code: "subscription_paused" });
    await expect(startSubscriptionRun(id, api)).rejects.toBeInstanceOf(DomainError);
  });
});

describe("a burst of API triggers", () => {
  it("does not hold up console and scheduled runs queued after it", async () => {
    const burst = [];
    for (let i = 0; i < 8; i++) burst.push((await startSubscriptionRun(await subscription(`api-${i}`), api)).run.id);
    const fromConsole = (
      await startSubscriptionRun(await subscription("console"), { trigger: "console", userId: CONSOLE_USER })
    ).run.id;
    const scheduled = (await startSubscriptionRun(await subscription("schedule"), { trigger: "schedule" })).run.id;

    // One job at a time, so the order the worker takes them in is the order they start in.
    worker = await WorkerProcess.start(
      workerEnv({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, WORKER_CONCURRENCY: "1" }),
    );
    const started = async (id: string) => (await waitForRunEnd(id)).startedAt?.getTime() ?? Infinity;
    const apiStarts = await Promise.all(burst.map(started));
    const firstApiStart = Math.min(...apiStarts);
    expect(await started(fromConsole)).toBeLessThan(firstApiStart);
    expect(await started(scheduled)).toBeLessThan(firstApiStart);
  });
});
