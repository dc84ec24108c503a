import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { db, sql } from "../../lib/db/client";
import { runs } from "../../lib/db/schema";
import { mailHealthKey } from "../../lib/health/mail";
import { readyRedis } from "../../lib/redis";
import { RUN_LOCK_CLASS } from "../../lib/runs/lifecycle-lock";
import { makeSubscription } from "../support/fixtures";

// Stands in for a worker that cannot reach its mail server.
const FAILING_WORKER = "e2e-mail-outage";

test("the runs pages show a run waiting to retry, and why, while the mail server is failing", async ({ page }) => {
  const subscription = await makeSubscription();
  const retryAt = new Date(Date.now() + 60_000);
  const reason = "2 of 2 recipients could not be e-mailed: connect ECONNREFUSED 127.0.0.1:25";
  const [run] = await db
    .insert(runs)
    .values({
      kind: "subscription",
      subscriptionId: subscription.id,
      trigger: "console",
      status: "running",
      attempts: 1,
      startedAt: new Date(),
      retryAt,
      error: { message: reason },
    })
    .returning();
  // The suite's worker must leave this run as it is: it finds it held, as by another worker.
  const holder = await sql.reserve();
  const failingSince = new Date(Date.now() - 120_000).toISOString();
  const redis = await readyRedis();
  try {
    await holder`select pg_advisory_lock(${RUN_LOCK_CLASS}, hashtext(${run.id}))`;
    await redis.hset(
      mailHealthKey(),
      FAILING_WORKER,
      JSON.stringify({
        status: "failing",
        since: failingSince,
        lastError: "connect ECONNREFUSED 127.0.0.1:25",
        lastErrorAt: new Date().toISOString(),
        reportedAt: Date.now(),
      }),
    );

    await page.goto("/runs");
    const banner = page.getByRole("alert").filter({ hasText: "Mail server failing" });
    await expect(banner).toContainText("connect ECONNREFUSED 127.0.0.1:25");
    const row = page.getByRole("row").filter({ hasText: subscription.name });
    await expect(row).toContainText(`Waiting to retry: next attempt at ${retryAt.toISOString().slice(11, 19)} UTC`);
    await expect(row).toContainText(reason);

    await page.goto(`/runs/${run.id}`);
    await expect(page.getByTestId("run-status")).toContainText("Waiting to retry");
    await expect(page.getByText(`Last attempt failed: ${reason}`)).toBeVisible();
  } finally {
    await redis.hdel(mailHealthKey(), FAILING_WORKER);
    await db.update(runs).set({ status: "failed", finishedAt: new Date(), retryAt: null }).where(eq(runs.id, run.id));
    await holder`select pg_advisory_unlock(${RUN_LOCK_CLASS}, hashtext(${run.id}))`;
    holder.release();
  }
});
