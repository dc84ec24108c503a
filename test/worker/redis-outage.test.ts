import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, PrivateRedis } from "./helpers/private-redis";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

// SPEC §5: after Redis comes back (even empty), queued work and schedules are restored; the reconciler passes every
// second in tests, so this is generous.
const RECOVERY_LIMIT_MS = 20_000;
// A trigger or a schedule save must answer promptly while Redis is away.
const PROMPT_MS = 3_000;

const redis = new PrivateRedis(await freePort());
// This file's own Redis: set before the app modules load (they read the environment once).
process.env.REDIS_URL = redis.url;
const outbox = mkdtempSync(join(tmpdir(), "sluice-outbox-"));

const { db } = await import("../../lib/db/client");
const { runs, subscriptions } = await import("../../lib/db/schema");
const { eq } = await import("drizzle-orm");
const { startSubscriptionRun } = await import("../../lib/runs/start");
const { schedulesQueue } = await import("../../lib/schedules/queue");
const { schedulerId, upsertSubscriptionSchedule } = await import("../../lib/schedules/sync");
const { closeTestClients, CONSOLE_USER, createReport, waitForRunEnd } = await import("./helpers/fixtures");
const { waitFor } = await import("./helpers/wait");

let worker: WorkerProcess;
const subscriptionIds: string[] = [];

beforeAll(async () => {
  // Redis is not running when the worker starts.
  worker = await WorkerProcess.start(workerEnv({ REDIS_URL: redis.url, SMTP_URL: "", OUTBOX_DIR: outbox }));
});

afterAll(async () => {
  await worker?.stop();
  // Leaves no scheduled subscription behind for the other files (runs and deliveries go with it).
  for (const id of subscriptionIds) await db.delete(subscriptions).where(eq(subscriptions.id, id));
  await closeTestClients();
  await redis.stop();
});

/** A daily subscription of this test's own, with its own recipients. */
async function dailySubscription(recipients: string[]) {
  const reportId = await createReport("select id, name from regions order by id", "Regions");
  const [subscription] = await db
    .insert(subscriptions)
    .values({
      name: "Daily regions",
      reportId,
      format: "csv",
      recipients,
      subject: "Regions",
      frequency: "daily",
      time: "06:30",
      timeZone: "Europe/Paris",
    })
    .returning();
  if (!subscription) throw new Error("no subscription row returned");
  subscriptionIds.push(subscription.id);
  return subscription;
}

async function outboxRecipients(): Promise<string[]> {
  const files = readdirSync(outbox).filter((name) => name.endsWith(".eml"));
  const mails = await Promise.all(files.map((name) => simpleParser(readFileSync(join(outbox, name)))));
  return mails
    .flatMap((mail) =>
      (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address ?? "")),
    )
    .sort();
}

async function hasScheduler(id: string): Promise<boolean> {
  try {
    return (await schedulesQueue().getJobScheduler(schedulerId("subscription", id))) !== undefined;
  } catch {
    return false;
  }
}

describe("Redis outage", () => {
  it("accepts triggers while Redis is down and runs them once it is back", async () => {
    await redis.stop();
    const recipients = ["north@example.com", "south@example.com"];
    const subscription = await dailySubscription(recipients);

    let startedAt = Date.now();
    expect(await upsertSubscriptionSchedule(subscription)).toBe(false);
    expect(Date.now() - startedAt).toBeLessThan(PROMPT_MS);

    startedAt = Date.now();
    const { run, created } = await startSubscriptionRun(subscription.id, { trigger: "console", userId: CONSOLE_USER });
    expect(Date.now() - startedAt).toBeLessThan(PROMPT_MS);
    expect(created).toBe(true);
    expect(run.status).toBe("queued");

    await redis.start();
    const finished = await waitForRunEnd(run.id, RECOVERY_LIMIT_MS);
    expect(finished.status).toBe("succeeded");
    expect((await outboxRecipients()).filter((address) => recipients.includes(address))).toEqual(recipients);
    await waitFor("the schedule to be restored", () => hasScheduler(subscription.id), RECOVERY_LIMIT_MS);
    const scheduler = await schedulesQueue().getJobScheduler(schedulerId("subscription", subscription.id));
    expect(scheduler).toMatchObject({ pattern: "30 6 * * *", tz: "Europe/Paris" });
  });

  it("restores queued runs and schedules after Redis loses everything", async () => {
    await redis.start();
    const recipients = ["east@example.com", "west@example.com"];
    const subscription = await dailySubscription(recipients);
    expect(await upsertSubscriptionSchedule(subscription)).toBe(true);
    expect(await hasScheduler(subscription.id)).toBe(true);

    await redis.flushAll();
    expect(await hasScheduler(subscription.id)).toBe(false);
    // A run whose job was lost with the flush.
    const [lost] = await db
      .insert(runs)
      .values({ kind: "subscription", subscriptionId: subscription.id, trigger: "api" })
      .returning({ id: runs.id });
    if (!lost) throw new Error("no run row returned");

    const finished = await waitForRunEnd(lost.id, RECOVERY_LIMIT_MS);
    expect(finished.status).toBe("succeeded");
    expect((await outboxRecipients()).filter((address) => recipients.includes(address))).toEqual(recipients);
    await waitFor("the schedule to be restored", () => hasScheduler(subscription.id), RECOVERY_LIMIT_MS);
    const [row] = await db
      .select({ status: subscriptions.status })
      .from(subscriptions)
      .where(eq(subscriptions.id, subscription.id));
    expect(row?.status).toBe("active");
  });
});
