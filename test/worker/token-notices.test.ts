import { randomBytes, randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { apiTokens, tokenNotices, users } from "../../lib/db/schema";
import { QUEUE_PREFIX, bullConnection } from "../../lib/queue/connection";
import { TOKEN_NOTICES_QUEUE } from "../../lib/queue/contract";
import { closeTestClients } from "./helpers/fixtures";
import { SmtpSink } from "./helpers/smtp-sink";
import { waitFor } from "./helpers/wait";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

// SPEC §8 notices: e-mails to a token's creator before expiry and after a leak report, each once however many
// workers check at the same time.
const DAY_MS = 86_400_000;
const WORKERS = 3;
const sink = new SmtpSink();
const workers: WorkerProcess[] = [];
const queue = new Queue(TOKEN_NOTICES_QUEUE, { prefix: QUEUE_PREFIX, connection: bullConnection() });
const creator = `notices-${randomUUID()}@sluice.test`;
const disabledCreator = `notices-disabled-${randomUUID()}@sluice.test`;

async function insertUser(email: string, disabled = false): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({ email, name: "Token owner", role: "admin", passwordHash: "x", disabledAt: disabled ? new Date() : null })
    .returning({ id: users.id });
  if (!row) throw new Error("no user");
  return row.id;
}

async function insertToken(
  name: string,
  createdBy: string,
  expiresAt: Date,
  extra: Partial<typeof apiTokens.$inferInsert> = {},
) {
  const [row] = await db
    .insert(apiTokens)
    .values({
      name,
      digest: randomBytes(32).toString("hex"),
      hint: "slc_test",
      permissions: ["subscriptions:execute"],
      createdBy,
      expiresAt,
      ...extra,
    })
    .returning({ id: apiTokens.id });
  if (!row) throw new Error("no token");
  return row.id;
}

const mailsTo = (address: string) => sink.messages.filter((m) => m.to.includes(address));

let fiveDays: string;

beforeAll(async () => {
  const smtpPort = await sink.start();
  const owner = await insertUser(creator);
  const disabledOwner = await insertUser(disabledCreator, true);
  const now = Date.now();
  // Made with 5 days left: only the 7-day notice, never the 30-day one.
  fiveDays = await insertToken("five days left", owner, new Date(now + 5 * DAY_MS));
  await insertToken("far from expiry", owner, new Date(now + 40 * DAY_MS));
  await insertToken("already revoked", owner, new Date(now + 2 * DAY_MS), { revokedAt: new Date() });
  await insertToken("leaked", owner, new Date(now + 60 * DAY_MS), { revokedAt: new Date(), revokedReason: "leaked" });
  await insertToken("owner disabled", disabledOwner, new Date(now + 1 * DAY_MS));
  // Several workers start at once, and each checks at start.
  const env = workerEnv({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
  workers.push(...(await Promise.all(Array.from({ length: WORKERS }, () => WorkerProcess.start(env)))));
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await queue.close();
  await sink.stop();
  await closeTestClients();
});

/** Every check asked for so far has run (the repeating one waits as a delayed job). */
async function checksDone(): Promise<boolean> {
  const counts = await queue.getJobCounts("waiting", "active", "prioritized");
  return counts.waiting + counts.active + counts.prioritized === 0;
}

describe("token notices", () => {
  it("sends the latest due expiry notice and the leak notice once each, with several workers checking", async () => {
    await waitFor("the expiry and leak notices", async () => mailsTo(creator).length >= 2);
    await waitFor("every check to finish", checksDone);

    const subjects = mailsTo(creator)
      .map((m) => m.subject)
      .sort();
    expect(subjects).toEqual([
      'Sluice: API token "five days left" expires in 5 days',
      'Sluice: API token "leaked" was revoked because it leaked',
    ]);
    expect(mailsTo(disabledCreator)).toEqual([]);
    const expiry = mailsTo(creator).find((m) => m.subject.includes("five days left"));
    expect(expiry?.text).toContain(`/tokens/${fiveDays}`);

    const rows = await db.select().from(tokenNotices).where(eq(tokenNotices.tokenId, fiveDays));
    expect(rows.map((r) => r.key)).toEqual([expect.stringMatching(/^expiry:.*:7$/)]);
  });

  it("checks again on request without sending anything twice", async () => {
    const before = mailsTo(creator).length;
    await Promise.all(Array.from({ length: WORKERS }, () => queue.add("check", {}, { removeOnComplete: true })));
    await waitFor("the extra checks to finish", checksDone);
    expect(mailsTo(creator)).toHaveLength(before);
  });

  it("keeps a repeating check every 15 minutes, put back when Redis loses it", async () => {
    const scheduler = await queue.getJobScheduler("token-notices");
    expect(Number(scheduler?.every)).toBe(15 * 60_000);
    // As after a flush of Redis: the workers notice on their next upkeep pass.
    await queue.removeJobScheduler("token-notices");
    expect(await queue.getJobScheduler("token-notices")).toBeUndefined();
    const restored = await waitFor("the schedule to be back", () => queue.getJobScheduler("token-notices"));
    expect(Number(restored.every)).toBe(15 * 60_000);
  });

  it("sends the next notice once its day is reached, then only that one", async () => {
    // The token now expires tomorrow: the 1-day notice is due, and the 7-day one stays the only earlier one.
    const tomorrow = new Date(Date.now() + DAY_MS + 60_000);
    await db.update(apiTokens).set({ expiresAt: tomorrow }).where(eq(apiTokens.id, fiveDays));
    await queue.add("check", {}, { removeOnComplete: true });
    await waitFor("the 1-day notice", async () =>
      mailsTo(creator).find((m) => m.subject === 'Sluice: API token "five days left" expires in 1 day'),
    );
    await waitFor("the check to finish", checksDone);
    expect(mailsTo(creator).filter((m) => m.subject.includes("five days left"))).toHaveLength(2);
  });
});
