import { expect, test } from "@playwright/test";
import { makeSubscription } from "../support/fixtures";

const METHODS = ["get", "put", "post", "delete", "patch"];

test("/docs renders every operation of the OpenAPI document from the app alone, under the CSP", async ({
  page,
  request,
  baseURL,
}) => {
  const document = (await (await request.get("/api/v1/openapi.json")).json()) as {
    paths: Record<string, Record<string, unknown>>;
    webhooks: Record<string, Record<string, unknown>>;
  };
  const violations: string[] = [];
  const elsewhere: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  page.on("request", (sent) => {
    if (new URL(sent.url()).origin !== new URL(baseURL ?? "").origin && !sent.url().startsWith("data:"))
      elsewhere.push(sent.url());
  });

  await page.goto("/docs");
  await expect(page).toHaveTitle("API reference · Sluice");
  await expect(page.getByRole("heading", { name: "Sluice API" })).toBeVisible();
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => METHODS.includes(method))
      .map((method) => ({ path, method })),
  );
  expect(operations.length).toBeGreaterThan(5);
  for (const { path, method } of operations) {
    const block = page.locator(`.opblock-${method}`).filter({ has: page.locator(`[data-path="${path}"]`) });
    await expect(block, `${method.toUpperCase()} ${path}`).toHaveCount(1);
  }
  // Plus one block per webhook event the API sends, and nothing else.
  const webhooks = Object.values(document.webhooks).flatMap((item) =>
    Object.keys(item).filter((method) => METHODS.includes(method)),
  );
  await expect(page.locator(".opblock")).toHaveCount(operations.length + webhooks.length);

  // An operation opens to show its responses.
  await page
    .locator(".opblock-get")
    .filter({ has: page.locator('[data-path="/api/v1/runs/{id}"]') })
    .locator(".opblock-summary")
    .click();
  await expect(page.locator(".responses-wrapper").getByText("404").first()).toBeVisible();

  expect(violations).toEqual([]);
  expect(elsewhere).toEqual([]);
});

test("the tokens page and each trigger endpoint link to the API reference", async ({ page }) => {
  await page.goto("/tokens");
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs$/);

  const subscription = await makeSubscription();
  await page.goto(`/subscriptions/${subscription.id}`);
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs$/);
  await expect(page.locator(".opblock").first()).toBeVisible();
});
