import { expect, test } from "@playwright/test";
import { makeSemanticModel, makeSubscription, makeToken } from "../support/fixtures";
import { bearer } from "../support/problems";
import { waitForRun } from "../support/runs";

test("the runs page filters by kind and names what started each run", async ({ page, request }) => {
  const { token } = await makeToken();
  const model = await makeSemanticModel();
  const subscription = await makeSubscription();
  const refresh = await (
    await request.post(`/api/v1/semantic-models/${model.id}/refreshes`, { headers: bearer(token) })
  ).json();
  const run = await (
    await request.post(`/api/v1/subscriptions/${subscription.id}/runs`, { headers: bearer(token) })
  ).json();
  await waitForRun(request, token, refresh.id);
  await waitForRun(request, token, run.id);

  await page.goto("/runs");
  await page.getByLabel("Kind").selectOption({ label: "Semantic model refresh" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/kind=semantic-model-refresh/);
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: model.name })).toContainText("API token");
  await expect(rows.filter({ hasText: subscription.name })).toHaveCount(0);
  await expect(rows.filter({ hasText: "Subscription run" })).toHaveCount(0);

  await page.getByLabel("Kind").selectOption({ label: "Subscription run" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows.filter({ hasText: subscription.name })).toContainText("succeeded");
});

test("the audit page lists sign-ins, token changes and API triggers, newest first", async ({ page, request }) => {
  const { token } = await makeToken({ permissions: ["subscriptions:execute"] });
  const subscription = await makeSubscription();
  expect(
    (
      await request.post(`/api/v1/subscriptions/${subscription.id}/runs`, {
        headers: { ...bearer(token), "X-Forwarded-For": "203.0.113.77" },
      })
    ).status(),
  ).toBe(202);

  await page.goto("/audit");
  const triggered = page
    .getByRole("row")
    .filter({ hasText: "subscription.triggered" })
    .filter({ hasText: subscription.id });
  await expect(triggered).toContainText("203.0.113.77");
  await expect(triggered).toContainText(
    `token ${(await (await request.get("/api/v1/token", { headers: bearer(token) })).json()).name}`,
  );
  const times = await page.getByRole("row").locator("td:first-child").allTextContents();
  expect(times.length).toBeGreaterThan(2);
  expect([...times].sort().reverse()).toEqual(times);
  // The suite's own sign-in may be more than a page back by now: the Action filter finds it.
  await page.goto("/audit?action=sign-in.succeeded");
  await expect(page.getByRole("row").filter({ hasText: "sign-in.succeeded" }).first()).toBeVisible();
});
