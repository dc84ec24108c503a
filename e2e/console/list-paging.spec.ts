import { expect, test, type Page } from "@playwright/test";
import { makeSubscription } from "../support/fixtures";
import { HISTORY_ENDS_AT, insertAuditEvents, insertSubscriptionRuns } from "../support/history";

const RUNS_PAGE = 50;
const SUBSCRIPTION_RUNS_PAGE = 20;
const AUDIT_PAGE = 100;

/** The run ids a runs table links to, top to bottom. */
async function runIds(page: Page): Promise<string[]> {
  const hrefs = await page
    .getByRole("row")
    .getByRole("link")
    .evaluateAll((links) =>
      links.map((a) => a.getAttribute("href") ?? "").filter((href) => /^\/runs\/[0-9a-f-]{36}$/.test(href)),
    );
  return hrefs.map((href) => href.slice("/runs/".length));
}

const pager = (page: Page, label: string) => page.getByRole("navigation", { name: label });

test("the runs page pages with Next and Previous, keeping its filter", async ({ page }) => {
  const subscription = await makeSubscription();
  await insertSubscriptionRuns(subscription.id, RUNS_PAGE + 10);

  await page.goto("/runs?trigger=console");
  await expect(page.getByRole("row")).toHaveCount(RUNS_PAGE + 1);
  const first = await runIds(page);
  const nav = pager(page, "Runs pages");
  await expect(nav.getByText("Previous")).toHaveAttribute("aria-disabled", "true");

  await nav.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/trigger=console.*after=|after=.*trigger=console/);
  await expect(page.getByLabel("Trigger")).toHaveValue("console");
  await expect(nav.getByRole("link", { name: "Previous" })).toBeVisible();
  const second = await runIds(page);
  expect(second.length).toBeGreaterThan(0);
  expect(second.filter((id) => first.includes(id))).toEqual([]);

  await nav.getByRole("link", { name: "Previous" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(page.getByRole("row")).toHaveCount(RUNS_PAGE + 1);
  expect(await runIds(page)).toEqual(first);
  await expect(nav.getByText("Previous")).toHaveAttribute("aria-disabled", "true");
});

test("a subscription's page pages through its runs, newest first", async ({ page }) => {
  const subscription = await makeSubscription();
  const ids = await insertSubscriptionRuns(subscription.id, 2 * SUBSCRIPTION_RUNS_PAGE + 5);

  await page.goto(`/subscriptions/${subscription.id}`);
  const nav = pager(page, "Runs pages");
  expect(await runIds(page)).toEqual(ids.slice(0, SUBSCRIPTION_RUNS_PAGE));
  await nav.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/after=/);
  expect(await runIds(page)).toEqual(ids.slice(SUBSCRIPTION_RUNS_PAGE, 2 * SUBSCRIPTION_RUNS_PAGE));
  await nav.getByRole("link", { name: "Next" }).click();
  await expect(nav.getByText("Next")).toHaveAttribute("aria-disabled", "true");
  expect(await runIds(page)).toEqual(ids.slice(2 * SUBSCRIPTION_RUNS_PAGE));
  await nav.getByRole("link", { name: "Previous" }).click();
  await expect(page).toHaveURL(/before=/);
  expect(await runIds(page)).toEqual(ids.slice(SUBSCRIPTION_RUNS_PAGE, 2 * SUBSCRIPTION_RUNS_PAGE));
});

test("the audit page pages with Next and Previous within a filter", async ({ page }) => {
  const events = Array.from({ length: AUDIT_PAGE + 7 }, (_, i) => ({
    action: "subscription.updated",
    at: new Date(HISTORY_ENDS_AT - i * 1_000),
    targetId: `target-${String(i).padStart(3, "0")}`,
  }));
  const actor = await insertAuditEvents(events);
  const targets = (p: Page) =>
    p.getByRole("row").filter({ hasText: actor }).locator("td:nth-child(4)").allTextContents();
  const expected = (from: number, to: number) => events.slice(from, to).map((e) => `subscription ${e.targetId}`);

  await page.goto("/audit");
  await page.getByLabel("Actor").fill(actor);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("row")).toHaveCount(AUDIT_PAGE + 1);
  expect(await targets(page)).toEqual(expected(0, AUDIT_PAGE));
  const nav = pager(page, "Audit pages");
  await expect(nav.getByText("Previous")).toHaveAttribute("aria-disabled", "true");

  await nav.getByRole("link", { name: "Next" }).click();
  await expect(page.getByRole("row")).toHaveCount(events.length - AUDIT_PAGE + 1);
  expect(await targets(page)).toEqual(expected(AUDIT_PAGE, events.length));
  await expect(page.getByLabel("Actor")).toHaveValue(actor);
  await expect(nav.getByText("Next")).toHaveAttribute("aria-disabled", "true");

  await nav.getByRole("link", { name: "Previous" }).click();
  await expect(page.getByRole("row")).toHaveCount(AUDIT_PAGE + 1);
  expect(await targets(page)).toEqual(expected(0, AUDIT_PAGE));
  await expect(nav.getByText("Previous")).toHaveAttribute("aria-disabled", "true");
});

test("a page link that was not made by the console gives a message, not an error page", async ({ page }) => {
  for (const path of [
    "/runs?after=not-a-cursor",
    "/audit?before=eyJ4IjoxfQ",
    "/tokens?after=%5B%5D",
    "/subscriptions?before=x",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByText("This page link is not valid: go back to the first page.")).toBeVisible();
  }
});
