import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { semanticModels, subscriptions } from "../../lib/db/schema";
import { schedulesQueue } from "../../lib/schedules/queue";
import {
  onceJobId,
  RETENTION_SCHEDULE,
  removeSchedule,
  schedulerId,
  syncAllSchedules,
  upsertModelSchedule,
  upsertSubscriptionSchedule,
} from "../../lib/schedules/sync";
import { upcomingRuns } from "../../lib/schedules/plan";
import { closeTestClients, createModel, createReport } from "./helpers/fixtures";

beforeAll(async () => {
  // "Exactly the database's schedules" is asserted over the whole database and the whole prefix: start from a
  // database without schedules and a Redis without schedulers, whatever ran before.
  await db.update(subscriptions).set({ frequency: "manual" });
  await db.update(semanticModels).set({ refreshFrequency: "manual" });
  for (const scheduler of await schedulesQueue().getJobSchedulers(0, -1)) {
    await schedulesQueue().removeJobScheduler(scheduler.key);
  }
});

afterAll(async () => {
  await closeTestClients();
});

async function schedulers() {
  const list = await schedulesQueue().getJobSchedulers(0, -1);
  return Object.fromEntries(list.map((s) => [s.key, { pattern: s.pattern, tz: s.tz, data: s.template?.data }]));
}

async function insertSubscription(values: Partial<typeof subscriptions.$inferInsert>, reportId: string) {
  const [row] = await db
    .insert(subscriptions)
    .values({ name: "S", reportId, format: "csv", recipients: ["a@example.com"], subject: "S", ...values })
    .returning();
  return row;
}

describe("schedule sync", () => {
  it("makes Redis hold exactly the database's schedules", async () => {
    const reportId = await createReport("select 1 as id");
    const daily = await insertSubscription({ frequency: "daily", time: "07:15", timeZone: "Europe/Berlin" }, reportId);
    const paused = await insertSubscription({ frequency: "weekly", daysOfWeek: [5], status: "paused" }, reportId);
    await insertSubscription({ frequency: "manual" }, reportId);
    const monthlyModel = await createModel({
      sourceQuery: "select 1 as id, 'x' as name",
      idColumn: "id",
      labelColumn: "name",
    });
    await db
      .update(semanticModels)
      .set({ refreshFrequency: "monthly", refreshTime: "05:00", refreshTimeZone: "America/New_York" })
      .where(eq(semanticModels.id, monthlyModel));
    const stray = schedulerId("subscription", randomUUID());
    await schedulesQueue().upsertJobScheduler(
      stray,
      { pattern: "0 0 * * *" },
      { name: "subscription", data: { kind: "subscription", subscriptionId: randomUUID() } },
    );

    expect(await syncAllSchedules()).toEqual({ upserted: 3, removed: 1 });
    expect(await schedulers()).toEqual({
      retention: { pattern: RETENTION_SCHEDULE.pattern, tz: "UTC", data: { kind: "retention" } },
      [`subscription:${daily.id}`]: {
        pattern: "15 7 * * *",
        tz: "Europe/Berlin",
        data: { kind: "subscription", subscriptionId: daily.id },
      },
      [`semantic-model:${monthlyModel}`]: {
        pattern: "0 5 1 * *",
        tz: "America/New_York",
        data: { kind: "semantic-model-refresh", semanticModelId: monthlyModel },
      },
    });
    // A second pass changes nothing, so schedules already in Redis keep their next run.
    expect(await syncAllSchedules()).toEqual({ upserted: 0, removed: 0 });

    // Resume the paused one, pause the daily one: what the console calls after a save.
    expect(await upsertSubscriptionSchedule({ ...paused, status: "active" })).toBe(true);
    expect(await upsertSubscriptionSchedule({ ...daily, status: "paused" })).toBe(true);
    const after = await schedulers();
    expect(Object.keys(after).sort()).toEqual(
      [`semantic-model:${monthlyModel}`, `subscription:${paused.id}`, "retention"].sort(),
    );
    expect(after[`subscription:${paused.id}`]).toMatchObject({ pattern: "0 8 * * 5", tz: "UTC" });

    expect(
      await upsertModelSchedule({
        id: monthlyModel,
        refreshFrequency: "manual",
        refreshTime: "05:00",
        refreshTimeZone: "UTC",
      }),
    ).toBe(true);
    expect(await removeSchedule("subscription", paused.id)).toBe(true);
    expect(Object.keys(await schedulers())).toEqual(["retention"]);

    // Redis drifted from the database (the calls above never saved rows): a full sync puts the database's view back —
    // the daily subscription and the monthly model, not the subscription that is paused there.
    expect(await syncAllSchedules()).toEqual({ upserted: 2, removed: 0 });
    expect(Object.keys(await schedulers()).sort()).toEqual(
      [`semantic-model:${monthlyModel}`, `subscription:${daily.id}`, "retention"].sort(),
    );
  });
});

/** The time of the job a scheduler has queued next (BullMQ names it after that time). */
async function nextJobTime(id: string): Promise<string | undefined> {
  const scheduler = await schedulesQueue().getJobScheduler(id);
  return scheduler?.next === undefined ? undefined : new Date(scheduler.next).toISOString();
}

describe("subscription schedules in BullMQ", () => {
  it("fire a Europe/Berlin weekly schedule at the preview's times across both DST switches", async () => {
    const reportId = await createReport("select 1 as id");
    // 2027: summer time starts on Sunday 28 March, winter time on Sunday 31 October.
    for (const [startDate, expected] of [
      ["2027-03-28", "2027-03-28T07:00:00.000Z"],
      ["2027-10-31", "2027-10-31T08:00:00.000Z"],
      ["2027-03-22", "2027-03-28T07:00:00.000Z"],
      ["2027-10-25", "2027-10-31T08:00:00.000Z"],
    ] as const) {
      const row = await insertSubscription(
        { frequency: "weekly", daysOfWeek: [0], time: "09:00", timeZone: "Europe/Berlin", startDate },
        reportId,
      );
      expect(await upsertSubscriptionSchedule(row)).toBe(true);
      const preview = upcomingRuns(row, new Date(), 1)[0]?.at.toISOString();
      expect(preview).toBe(expected);
      expect(await nextJobTime(schedulerId("subscription", row.id))).toBe(expected);
      await removeSchedule("subscription", row.id);
      await db.delete(subscriptions).where(eq(subscriptions.id, row.id));
    }
  });

  it("queue a Once as one delayed job, however often it is saved", async () => {
    const reportId = await createReport("select 1 as id");
    const row = await insertSubscription(
      { frequency: "once", onceDate: "2099-06-01", time: "10:00", timeZone: "Europe/Berlin" },
      reportId,
    );
    const results = await Promise.all([1, 2, 3].map(() => upsertSubscriptionSchedule(row)));
    expect(results).toEqual([true, true, true]);
    await syncAllSchedules();
    const at = new Date("2099-06-01T08:00:00.000Z");
    const job = await schedulesQueue().getJob(onceJobId(row.id, at));
    expect(job?.data).toEqual({ kind: "subscription", subscriptionId: row.id });
    expect(await job?.getState()).toBe("delayed");
    // BullMQ reads the clock for the delay and again for the timestamp: they may differ by a millisecond or so.
    expect(Math.abs((job?.timestamp ?? 0) + (job?.delay ?? 0) - at.getTime())).toBeLessThan(1_000);
    expect(await schedulesQueue().getJobScheduler(schedulerId("subscription", row.id))).toBeUndefined();
    await job?.remove();
    await db.delete(subscriptions).where(eq(subscriptions.id, row.id));
  });

  it("leave a subscription past its end date unscheduled", async () => {
    const reportId = await createReport("select 1 as id");
    const row = await insertSubscription({ frequency: "daily", endDate: "2020-12-31" }, reportId);
    const id = schedulerId("subscription", row.id);
    await schedulesQueue().upsertJobScheduler(
      id,
      { pattern: "0 8 * * *" },
      { name: "subscription", data: { kind: "subscription", subscriptionId: row.id } },
    );
    await syncAllSchedules();
    expect(await schedulesQueue().getJobScheduler(id)).toBeUndefined();
    await db.delete(subscriptions).where(eq(subscriptions.id, row.id));
  });
});
