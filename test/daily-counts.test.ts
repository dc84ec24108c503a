// The daily rollups behind the home page's charts (migration 0007): kept by triggers on runs and deliveries, read by
// lib/overview/daily.ts. Runs here are dated in January 2020, a window no other test writes to.
import { eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db, sql } from "../lib/db/client";
import { deliveries, runs } from "../lib/db/schema";
import { deliveriesPerDay, runsPerDay } from "../lib/overview/daily";

const NOW = new Date("2020-01-30T12:00:00Z");
const at = (day: number, hour = 10) => new Date(Date.UTC(2020, 0, day, hour));
const dayOf = <T extends { day: string }>(rows: T[], day: string) => rows.find((row) => row.day === day);

afterAll(async () => {
  await sql.end();
});

function finishedRun(kind: "subscription" | "semantic-model-refresh", status: "succeeded" | "failed", when: Date) {
  return { kind, status, trigger: "api" as const, createdAt: when, startedAt: when, finishedAt: when, attempts: 1 };
}

describe("daily run counts", () => {
  it("count finished runs by UTC day, kind and outcome, and nothing unfinished", async () => {
    await db.insert(runs).values([
      finishedRun("subscription", "succeeded", at(3)),
      finishedRun("subscription", "succeeded", at(3, 23)),
      finishedRun("subscription", "failed", at(3)),
      finishedRun("semantic-model-refresh", "failed", at(3)),
      // 23:30 UTC on the 3rd is the 4th in Berlin, still the 3rd here: days are UTC days.
      finishedRun("semantic-model-refresh", "succeeded", new Date(Date.UTC(2020, 0, 3, 23, 30))),
      { kind: "subscription", status: "running", trigger: "api", createdAt: at(3), startedAt: at(3) },
    ]);
    const days = await runsPerDay(NOW);
    expect(days).toHaveLength(30);
    expect(days[0]?.day).toBe("2020-01-01");
    expect(days.at(-1)?.day).toBe("2020-01-30");
    expect(dayOf(days, "2020-01-03")).toEqual({
      day: "2020-01-03",
      subscriptionSucceeded: 2,
      subscriptionFailed: 1,
      refreshSucceeded: 1,
      refreshFailed: 1,
    });
    expect(dayOf(days, "2020-01-04")).toMatchObject({ subscriptionSucceeded: 0, refreshSucceeded: 0 });
  });

  it("move a run to the day and outcome it finishes with; other updates and deletes keep them exact", async () => {
    const [queued] = await db
      .insert(runs)
      .values({ kind: "subscription", status: "running", trigger: "api", createdAt: at(5), startedAt: at(5) })
      .returning({ id: runs.id });
    const id = queued?.id ?? "";
    await db
      .update(runs)
      .set({ progress: { rows: 10, recipientsSent: 0, recipientsTotal: 1 } })
      .where(eq(runs.id, id));
    expect(dayOf(await runsPerDay(NOW), "2020-01-05")?.subscriptionFailed).toBe(0);

    await db
      .update(runs)
      .set({ status: "failed", finishedAt: at(6) })
      .where(eq(runs.id, id));
    await db.update(runs).set({ attempts: 2 }).where(eq(runs.id, id));
    let days = await runsPerDay(NOW);
    expect(dayOf(days, "2020-01-05")?.subscriptionFailed).toBe(0);
    expect(dayOf(days, "2020-01-06")?.subscriptionFailed).toBe(1);

    await db.delete(runs).where(eq(runs.id, id));
    days = await runsPerDay(NOW);
    expect(dayOf(days, "2020-01-06")?.subscriptionFailed).toBe(0);
  });

  it("lose no count when many runs finish at once", async () => {
    const made = await db
      .insert(runs)
      .values(
        Array.from({ length: 40 }, () => ({
          kind: "semantic-model-refresh" as const,
          status: "running" as const,
          trigger: "schedule" as const,
          createdAt: at(8),
        })),
      )
      .returning({ id: runs.id });
    await Promise.all(
      made.map(({ id }, i) =>
        db
          .update(runs)
          .set({ status: i % 4 === 0 ? "failed" : "succeeded", finishedAt: at(8) })
          .where(eq(runs.id, id)),
      ),
    );
    expect(dayOf(await runsPerDay(NOW), "2020-01-08")).toMatchObject({ refreshSucceeded: 30, refreshFailed: 10 });
    await db.delete(runs).where(
      inArray(
        runs.id,
        made.map(({ id }) => id),
      ),
    );
    expect(dayOf(await runsPerDay(NOW), "2020-01-08")).toMatchObject({ refreshSucceeded: 0, refreshFailed: 0 });
  });
});

describe("daily delivery counts", () => {
  it("count e-mails by day and outcome, moving a failure that a retry delivers", async () => {
    const [run] = await db
      .insert(runs)
      .values(finishedRun("subscription", "succeeded", at(10)))
      .returning({ id: runs.id });
    const runId = run?.id ?? "";
    await db.insert(deliveries).values([
      { runId, recipient: "a@example.com", status: "sent", at: at(10) },
      { runId, recipient: "b@example.com", status: "failed", at: at(10) },
      { runId, recipient: "c@example.com", status: "failed", at: at(10) },
    ]);
    expect(dayOf(await deliveriesPerDay(NOW), "2020-01-10")).toEqual({ day: "2020-01-10", sent: 1, failed: 2 });

    await db
      .update(deliveries)
      .set({ status: "sent", at: at(11) })
      .where(eq(deliveries.recipient, "b@example.com"));
    let days = await deliveriesPerDay(NOW);
    expect(dayOf(days, "2020-01-10")).toEqual({ day: "2020-01-10", sent: 1, failed: 1 });
    expect(dayOf(days, "2020-01-11")).toEqual({ day: "2020-01-11", sent: 1, failed: 0 });

    // Deleting the run deletes its deliveries (cascade): both rollups give their counts back.
    await db.delete(runs).where(eq(runs.id, runId));
    days = await deliveriesPerDay(NOW);
    expect(dayOf(days, "2020-01-10")).toEqual({ day: "2020-01-10", sent: 0, failed: 0 });
    expect(dayOf(await runsPerDay(NOW), "2020-01-10")?.subscriptionSucceeded).toBe(0);
  });
});
