import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { auditEvents, deliveries, runs } from "../../lib/db/schema";
import { purgeExpired } from "../../lib/retention/purge";
import { closeTestClients, createReport, createSubscription } from "./helpers/fixtures";

// SPEC §10: runs, deliveries and audit rows older than RETENTION_DAYS go; newer ones and open runs stay.
const KEEP_DAYS = 400;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
let subscriptionId: string;

beforeAll(async () => {
  const reportId = await createReport("select 1 as id");
  subscriptionId = await createSubscription({ reportId, format: "csv", recipients: ["a@example.com"] });
});

afterAll(async () => {
  await closeTestClients();
});

async function insertRun(ageDays: number, status: "succeeded" | "failed" | "queued", recipients: number) {
  const [run] = await db
    .insert(runs)
    .values({ kind: "subscription", subscriptionId, trigger: "schedule", status, createdAt: daysAgo(ageDays) })
    .returning({ id: runs.id });
  if (!run) throw new Error("no run inserted");
  if (recipients > 0)
    await db.insert(deliveries).values(
      Array.from({ length: recipients }, (_, i) => ({
        runId: run.id,
        recipient: `r${i}@example.com`,
        status: "sent" as const,
        at: daysAgo(ageDays),
      })),
    );
  return run.id;
}

describe("retention purge", () => {
  it("deletes only what is older than the retention, in batches, and audits what it did", async () => {
    const marker = randomUUID();
    const oldRuns = await Promise.all([insertRun(500, "succeeded", 3), insertRun(401, "failed", 2)]);
    const oldOpen = await insertRun(500, "queued", 0);
    const recent = await Promise.all([insertRun(399, "succeeded", 2), insertRun(1, "succeeded", 1)]);
    await db.insert(auditEvents).values([
      { action: "test.old", targetId: marker, at: daysAgo(450) },
      { action: "test.old", targetId: marker, at: daysAgo(401) },
      { action: "test.old", targetId: marker, at: daysAgo(700) },
      { action: "test.recent", targetId: marker, at: daysAgo(10) },
    ]);

    // Batches of 2 rows: several statements per table.
    const purged = await purgeExpired(KEEP_DAYS, 2);
    expect(purged.deliveries).toBeGreaterThanOrEqual(5);
    expect(purged.runs).toBeGreaterThanOrEqual(2);
    expect(purged.auditEvents).toBeGreaterThanOrEqual(3);

    const left = await db
      .select({ id: runs.id })
      .from(runs)
      .where(inArray(runs.id, [...oldRuns, oldOpen, ...recent]));
    expect(left.map((r) => r.id).sort()).toEqual([oldOpen, ...recent].sort());
    const leftDeliveries = await db
      .select({ runId: deliveries.runId })
      .from(deliveries)
      .where(inArray(deliveries.runId, [...oldRuns, ...recent]));
    expect(leftDeliveries.filter((d) => oldRuns.includes(d.runId))).toEqual([]);
    expect(leftDeliveries).toHaveLength(3);
    const leftAudit = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, marker));
    expect(leftAudit).toEqual([{ action: "test.recent" }]);

    const [record] = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.action, "retention.purged"))
      .orderBy(dsql`${auditEvents.id} desc`)
      .limit(1);
    expect(record?.details).toMatchObject({ ...purged, retentionDays: KEEP_DAYS });

    // Nothing older is left: a second pass deletes nothing and writes no audit row.
    expect(await purgeExpired(KEEP_DAYS, 2)).toEqual({ deliveries: 0, runs: 0, auditEvents: 0 });
    await db.delete(runs).where(and(eq(runs.id, oldOpen)));
  });

  it("runs twice at once without deleting anything twice or failing", async () => {
    const old = await Promise.all(Array.from({ length: 6 }, () => insertRun(500, "succeeded", 2)));
    const [a, b] = await Promise.all([purgeExpired(KEEP_DAYS, 2), purgeExpired(KEEP_DAYS, 2)]);
    expect((a?.runs ?? 0) + (b?.runs ?? 0)).toBe(old.length);
    expect(await db.select().from(runs).where(inArray(runs.id, old))).toEqual([]);
    expect(await db.select().from(deliveries).where(inArray(deliveries.runId, old))).toEqual([]);
  });

  it("refuses, in the database, to purge audit rows younger than 30 days", async () => {
    await expect(db.execute(dsql`select purge_audit_events(1, 10)`)).rejects.toThrow();
  });
});
