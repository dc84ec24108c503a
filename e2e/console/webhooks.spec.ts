import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { WebhookReceiver } from "../../test/worker/helpers/webhook-receiver";
import { signedInViewerPage } from "../support/viewer-page";

const receiver = new WebhookReceiver();
let receiverUrl: string;

test.beforeAll(async () => {
  receiverUrl = await receiver.start();
});

test.afterAll(async () => {
  await receiver.stop();
});

test("an admin adds an endpoint, sends a test event, redelivers it, and disables and enables the endpoint", async ({
  page,
}) => {
  const description = `Order system ${Date.now()}`;
  await page.goto("/webhooks");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await page.getByLabel("URL").fill(receiverUrl);
  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByText("Choose at least one event.")).toBeVisible();
  await expect(page.getByLabel("URL")).toHaveValue(receiverUrl);

  await page.getByLabel("run.succeeded").check();
  await page.getByLabel("run.failed").check();
  await page.getByRole("button", { name: "Create endpoint" }).click();
  const secretField = page.getByLabel("Signing secret");
  await expect(secretField).toHaveValue(/^whsec_[A-Za-z0-9+/]+=*$/);
  const secret = await secretField.inputValue();
  await expect(page.getByText("cannot be shown again")).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();

  const row = page.getByRole("row").filter({ hasText: description });
  await expect(row).toContainText("run.succeeded");
  await expect(row).toContainText("Active");
  await row.getByRole("link", { name: receiverUrl }).click();
  await expect(page).toHaveURL(/\/webhooks\/[0-9a-f-]{36}$/);
  // The secret is never shown again.
  await expect(page.getByText(secret)).toHaveCount(0);

  await page.getByRole("button", { name: "Send test event" }).click();
  const deliveries = page.getByRole("row").filter({ hasText: "webhook.test" });
  await expect(deliveries.first()).toContainText("succeeded");
  await expect(deliveries.first()).toContainText("200");
  await expect(deliveries.first()).toContainText(" ms");
  const [sent] = receiver.received;
  expect(new Webhook(secret).verify(sent.body, sent.headers as Record<string, string>)).toMatchObject({
    type: "webhook.test",
  });

  await deliveries.first().getByRole("button", { name: "Redeliver" }).click();
  await expect(deliveries).toHaveCount(2);
  await expect(deliveries.filter({ hasText: "(manual)" }).filter({ hasText: "succeeded" })).toHaveCount(2);
  expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([
    sent.headers["webhook-id"],
    sent.headers["webhook-id"],
  ]);

  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("button", { name: "Enable" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send test event" })).toHaveCount(0);
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByRole("button", { name: "Disable" })).toBeVisible();

  await page.goto("/audit");
  await expect(page.getByText("webhook.created").first()).toBeVisible();
  await expect(page.getByText("webhook.disabled").first()).toBeVisible();
  await expect(page.getByText("webhook.enabled").first()).toBeVisible();
});

test("deleting an endpoint asks first and removes it from the list", async ({ page }) => {
  const description = `Short-lived ${Date.now()}`;
  await page.goto("/webhooks");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await page.getByLabel("URL").fill(receiverUrl);
  await page.getByLabel("token.expiring").check();
  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("row").filter({ hasText: description }).getByRole("link").click();
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await expect(page.getByRole("row").filter({ hasText: description })).toHaveCount(0);
});

test("a viewer gets the 403 page", async ({ browser, baseURL }) => {
  const { context, page } = await signedInViewerPage(browser, baseURL);
  const response = await page.goto("/webhooks");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: /403/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
  await context.close();
});
