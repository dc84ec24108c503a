import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { semanticModels, subscriptions } from "../../lib/db/schema";
import { schedulesQueue } from "../../lib/schedules/queue";
import {
  removeSchedule,
  schedulerId,
  syncAllSchedules,
  upsertModelSchedule,
  upsertSubscriptionSchedule,
} from "../../lib/schedules/sync";
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

    expect(await syncAllSchedules()).toEqual({ upserted: 2, removed: 1 });
    expect(await schedulers()).toEqual({
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
    expect(Object.keys(after).sort()).toEqual([`semantic-model:${monthlyModel}`, `subscription:${paused.id}`].sort());
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
    expect(await schedulers()).toEqual({});

    // Redis drifted from the database (the calls above never saved rows): a full sync puts the database's view back —
    // the daily subscription and the monthly model, not the subscription that is paused there.
    expect(await syncAllSchedules()).toEqual({ upserted: 2, removed: 0 });
    expect(Object.keys(await schedulers()).sort()).toEqual(
      [`semantic-model:${monthlyModel}`, `subscription:${daily.id}`].sort(),
    );
  });
});
