import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { auditEvents, runs, subscriptions } from "../../lib/db/schema";
import { startModelRefresh, startSubscriptionRun, type RunOrigin } from "../../lib/runs/start";
import { runsQueue } from "../../lib/queue/producer";
import { closeTestClients, createModel, createReport, createSubscription } from "./helpers/fixtures";

// Triggers that arrive together share one statement and one addBulk (lib/runs/insert-or-join.ts): each still gets
// its own answer, its own audit row and, for a new run, its job.
let reportId: string;
const origin = (n: number): RunOrigin => ({ trigger: "schedule", label: `batch-${n}` });

beforeAll(async () => {
  reportId = await createReport("select 1 as id, 'one' as label");
});

afterAll(async () => {
  await closeTestClients();
});

const subscription = () =>
  createSubscription({ reportId, format: "csv", recipients: ["batch@example.com"], name: `batch-${randomUUID()}` });

describe("triggers arriving together", () => {
  it("start one run per target, join it for the rest, and refuse only the ones that must be refused", async () => {
    const [first, second, paused] = [await subscription(), await subscription(), await subscription()];
    await db.update(subscriptions).set({ status: "paused" }).where(eq(subscriptions.id, paused));
    const model = await createModel({
      sourceQuery: "select 1 as id, 'x' as name",
      idColumn: "id",
      labelColumn: "name",
    });

    const results = await Promise.allSettled([
      startSubscriptionRun(first, origin(0)),
      startSubscriptionRun(second, origin(1)),
      startSubscriptionRun(first, origin(2)),
      startSubscriptionRun(paused, origin(3)),
      startSubscriptionRun(randomUUID(), origin(4)),
      startModelRefresh(model, origin(5)),
      startModelRefresh(model, origin(6)),
    ]);
    const value = (i: number) => {
      const result = results[i];
      if (result?.status !== "fulfilled") throw new Error(`trigger ${i} was refused`);
      return result.value;
    };
    expect(value(0)).toMatchObject({ created: true, run: { status: "queued", subscriptionId: first } });
    expect(value(1)).toMatchObject({ created: true, run: { subscriptionId: second } });
    expect(value(2)).toMatchObject({ created: false, run: { id: value(0).run.id } });
    expect(results[3]).toMatchObject({ status: "rejected", reason: { code: "subscription_paused" } });
    expect(results[4]).toMatchObject({ status: "rejected", reason: { code: "not_found" } });
    expect(value(5)).toMatchObject({ created: true, run: { kind: "semantic-model-refresh", semanticModelId: model } });
    expect(value(6)).toMatchObject({ created: false, run: { id: value(5).run.id } });
    expect(value(0).run.createdAt).toBeInstanceOf(Date);

    const created = [value(0), value(1), value(5)].map((s) => s.run.id);
    expect(
      await db
        .select({ id: runs.id })
        .from(runs)
        .where(inArray(runs.subscriptionId, [first, second, paused])),
    ).toHaveLength(2);
    for (const id of created) expect(await runsQueue().getJob(id)).toBeDefined();

    // One audit row per trigger that started or joined, naming its own origin; none for the refused ones.
    const audit = await db
      .select({ label: auditEvents.actorLabel, details: auditEvents.details })
      .from(auditEvents)
      .where(
        and(
          inArray(auditEvents.action, ["subscription.triggered", "semantic-model.refresh-triggered"]),
          inArray(
            auditEvents.actorLabel,
            [0, 1, 2, 3, 4, 5, 6].map((n) => `batch-${n}`),
          ),
        ),
      );
    const byLabel = Object.fromEntries(audit.map((row) => [row.label, row.details]));
    expect(Object.keys(byLabel).sort()).toEqual(["batch-0", "batch-1", "batch-2", "batch-5", "batch-6"]);
    expect(byLabel["batch-0"]).toEqual({ runId: value(0).run.id, trigger: "schedule" });
    expect(byLabel["batch-2"]).toEqual({ runId: value(0).run.id, trigger: "schedule", joinedExistingRun: true });
    expect(byLabel["batch-6"]).toEqual({ runId: value(5).run.id, trigger: "schedule", joinedExistingRun: true });
  });

  it("join a run queued before them, as a trigger alone does", async () => {
    const id = await subscription();
    const queued = await startSubscriptionRun(id, origin(7));
    const later = await Promise.all([startSubscriptionRun(id, origin(8)), startSubscriptionRun(id, origin(9))]);
    expect(later.map((s) => [s.created, s.run.id])).toEqual([
      [false, queued.run.id],
      [false, queued.run.id],
    ]);
  });
});
