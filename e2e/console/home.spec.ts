import { randomUUID } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { systemActor } from "../../lib/audit/record";
import { makeSubscription, makeToken } from "../support/fixtures";
import { signedInViewerPage } from "../support/viewer-page";

const DAY_MS = 86_400_000;
// A day well inside the charts' 30 and clear of today, when other specs' runs finish.
const SEEDED_DAY_AGO = 12;

async function database() {
  const { db } = await import("../../lib/db/client");
  const schema = await import("../../lib/db/schema");
  return { db, ...schema };
}

/** The numbers of one day's row in a chart's table alternative, by column header. */
async function dayRow(page: Page, table: string, day: string): Promise<Record<string, number>> {
  const alternative = page.getByRole("table", { name: new RegExp(`^${table}`) });
  const headers = (await alternative.getByRole("columnheader").allTextContents()).slice(1);
  const cells = await alternative
    .getByRole("row", { name: new RegExp(`^${day}\\b`) })
    .getByRole("cell")
    .allTextContents();
  expect(cells).toHaveLength(headers.length);
  return Object.fromEntries(headers.map((header, i) => [header, Number(cells[i])]));
}

async function columnTotal(alternative: Locator, column: number): Promise<number> {
  const values = await alternative.locator(`tbody tr td:nth-of-type(${column})`).allTextContents();
  return values.reduce((sum, value) => sum + Number(value), 0);
}

test("the charts' tables hold the counts of seeded runs and deliveries on their day", async ({ page }) => {
  const { db, runs, deliveries } = await database();
  const at = new Date(Date.now() - SEEDED_DAY_AGO * DAY_MS);
  const day = at.toISOString().slice(0, 10);
  const subscription = await makeSubscription();

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  const runsBefore = await dayRow(page, "Runs per day", day);
  const deliveriesBefore = await dayRow(page, "Deliveries per day", day);

  const finished = (kind: "subscription" | "semantic-model-refresh", status: "succeeded" | "failed", n: number) =>
    Array.from({ length: n }, () => ({
      kind,
      status,
      subscriptionId: kind === "subscription" ? subscription.id : null,
      trigger: "api" as const,
      createdAt: at,
      startedAt: at,
      finishedAt: at,
      attempts: 1,
    }));
  const seeded = await db
    .insert(runs)
    .values([
      ...finished("subscription", "succeeded", 3),
      ...finished("subscription", "failed", 2),
      ...finished("semantic-model-refresh", "succeeded", 1),
      ...finished("semantic-model-refresh", "failed", 4),
      // Not finished: counted nowhere.
      { kind: "subscription", status: "running", subscriptionId: subscription.id, trigger: "api", createdAt: at },
    ])
    .returning({ id: runs.id });
  const runId = seeded[0]?.id ?? "";
  await db.insert(deliveries).values([
    ...Array.from({ length: 5 }, (_, i) => ({
      runId,
      recipient: `sent-${i}@sluice.test`,
      status: "sent" as const,
      at,
    })),
    ...Array.from({ length: 2 }, (_, i) => ({
      runId,
      recipient: `bad-${i}@sluice.test`,
      status: "failed" as const,
      at,
    })),
  ]);
  // A failure retried and then delivered moves from "failed" to "sent".
  await db.update(deliveries).set({ status: "sent" }).where(eq(deliveries.recipient, "bad-1@sluice.test"));

  await page.reload();
  expect(await dayRow(page, "Runs per day", day)).toEqual({
    Succeeded: runsBefore.Succeeded + 4,
    Failed: runsBefore.Failed + 6,
    "Subscription runs succeeded": runsBefore["Subscription runs succeeded"] + 3,
    "Subscription runs failed": runsBefore["Subscription runs failed"] + 2,
    "Refreshes succeeded": runsBefore["Refreshes succeeded"] + 1,
    "Refreshes failed": runsBefore["Refreshes failed"] + 4,
  });
  expect(await dayRow(page, "Deliveries per day", day)).toEqual({
    Sent: deliveriesBefore.Sent + 6,
    Failed: deliveriesBefore.Failed + 1,
  });

  // The visible summary and the table agree, and the chart itself is drawn.
  const runsTable = page.getByRole("table", { name: /^Runs per day/ });
  await expect(runsTable.getByRole("row")).toHaveCount(31);
  const succeeded = await columnTotal(runsTable, 1);
  const failed = await columnTotal(runsTable, 2);
  await expect(page.getByTestId("runs-chart-summary")).toHaveText(
    `Last 30 days: ${succeeded} succeeded, ${failed} failed (subscription runs and semantic model refreshes).`,
  );
  const bars = page.locator("figure").filter({ hasText: "Runs per day" }).locator("svg rect.visx-bar");
  await expect(bars.locator(":scope:not([height='0'])").first()).toBeVisible();
});

test("the home page lists the next scheduled runs, expiring tokens, the latest failures and failing endpoints", async ({
  page,
}) => {
  const { db, runs, apiTokens, webhookEndpoints } = await database();
  const scheduled = await makeSubscription({ frequency: "daily", time: "08:00", timeZone: "UTC" });
  const manual = await makeSubscription();
  const soon = await makeToken({ expiresInDays: 3 });
  const later = await makeToken({ expiresInDays: 30 });
  const tokenName = async (id: string) =>
    (await db.select({ name: apiTokens.name }).from(apiTokens).where(eq(apiTokens.id, id)))[0]?.name ?? "";
  const message = `Warehouse said no ${randomUUID()}`;
  const [failure] = await db
    .insert(runs)
    .values({
      kind: "subscription",
      status: "failed",
      subscriptionId: manual.id,
      trigger: "schedule",
      startedAt: new Date(),
      finishedAt: new Date(),
      attempts: 3,
      error: { message },
    })
    .returning({ id: runs.id });
  const { createEndpoint } = await import("../../lib/webhooks/repository");
  const url = `http://127.0.0.1:9/failing-${randomUUID()}`;
  const endpoint = await createEndpoint(
    { url, events: ["token.expiring"], description: "" },
    systemActor("test fixture"),
  );
  await db
    .update(webhookEndpoints)
    .set({ failingSince: new Date(Date.now() - DAY_MS) })
    .where(eq(webhookEndpoints.id, endpoint.id));

  await page.goto("/");
  const section = (name: string) => page.getByRole("region", { name });
  await expect(section("Next 24 hours").getByRole("row").filter({ hasText: scheduled.name })).toContainText(
    "Subscription run",
  );
  await expect(section("Next 24 hours").getByRole("row").filter({ hasText: manual.name })).toHaveCount(0);

  const expiring = section("Tokens expiring within 7 days");
  await expect(expiring.getByRole("row").filter({ hasText: await tokenName(soon.id) })).toContainText("in 3 days");
  await expect(expiring.getByRole("row").filter({ hasText: await tokenName(later.id) })).toHaveCount(0);

  const failures = section("Latest failures");
  await expect(failures.getByRole("row").filter({ hasText: message })).toContainText(manual.name);
  await failures
    .getByRole("link", { name: `Subscription ${manual.name}` })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/runs/${failure?.id}$`));

  await page.goto("/");
  await expect(section("Failing webhook endpoints").getByRole("row").filter({ hasText: url })).toContainText("Active");
});

test("a viewer sees the charts and failures, not tokens or webhooks", async ({ browser, baseURL }) => {
  const { context, page } = await signedInViewerPage(browser, baseURL);
  await page.goto("/");
  await expect(page.getByRole("table", { name: /^Runs per day/ })).toBeAttached();
  await expect(page.getByRole("region", { name: "Latest failures" })).toBeVisible();
  await expect(page.getByRole("region", { name: /Tokens expiring/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Failing webhook endpoints" })).toHaveCount(0);
  await context.close();
});
