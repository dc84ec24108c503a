import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { makeSubscription } from "../support/fixtures";
import { messagesBySubject } from "../support/mailbox";

test("an admin creates a subscription, runs it now and sees each recipient's delivery", async ({ page }) => {
  const unique = randomUUID().slice(0, 8);
  const name = `Console subscription ${unique}`;
  const recipients = [`one-${unique}@sluice.test`, `two-${unique}@sluice.test`];

  await page.goto("/subscriptions");
  await page.getByRole("link", { name: "New subscription" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Report", { exact: true }).selectOption({ label: "Sales by product" });
  await page.getByLabel("Format").selectOption({ label: "Excel" });
  await page.getByLabel("Recipients").fill("not-an-address");
  await page.getByLabel("Subject").fill(`Sales ${unique}`);
  await page.getByLabel("Message").fill("Here is the report.");
  await page.getByLabel("Schedule").selectOption({ label: "Weekly" });
  await page.getByLabel("Time", { exact: true }).fill("07:30");
  await page.getByLabel("Time zone").fill("Europe/Berlin");
  await page.getByRole("button", { name: "Save subscription" }).click();
  await expect(page.getByText("Not e-mail addresses: not-an-address")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue(name);

  await page.getByLabel("Recipients").fill(recipients.join("\n"));
  await page.getByRole("button", { name: "Save subscription" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Weekly on Monday at 07:30 (Europe/Berlin)")).toBeVisible();
  await expect(page.getByLabel("Trigger endpoint")).toHaveValue(/\/api\/v1\/subscriptions\/[0-9a-f-]{36}\/runs$/);

  await page.goto("/subscriptions");
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Excel");
  await row.getByRole("button", { name: "Run now" }).click();
  await row.getByRole("link", { name: "Run queued — view run" }).click();

  // The run page updates itself while the run is in progress.
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 45_000 });
  for (const recipient of recipients) {
    await expect(page.getByRole("row").filter({ hasText: recipient })).toContainText("sent");
  }
  const mail = await messagesBySubject(`Sales ${unique}`);
  expect([...mail.keys()].sort()).toEqual(recipients.sort());

  await page.getByRole("link", { name: `Subscription ${name}` }).click();
  await expect(page.getByRole("row").filter({ hasText: recipients[0] })).toContainText("sent");
});

test("pause and resume change what the API allows", async ({ page }) => {
  // A new subscription: the list is newest first, and earlier specs may have pushed the seeded one to a later page.
  const subscription = await makeSubscription();
  await page.goto("/subscriptions");
  const row = page.getByRole("row").filter({ hasText: subscription.name });
  await row.getByRole("button", { name: "Pause" }).click();
  await expect(row).toContainText("Paused");
  await expect(row.getByRole("button", { name: "Run now" })).toBeDisabled();
  await row.getByRole("button", { name: "Resume" }).click();
  await expect(row).toContainText("Active");
});

test("Delete asks first: Cancel keeps the subscription, confirming removes it", async ({ page }) => {
  const subscription = await makeSubscription({
    frequency: "monthly",
    monthDay: "15",
    time: "06:30",
    timeZone: "Europe/Berlin",
  });
  await page.goto("/subscriptions");
  const row = page.getByRole("row").filter({ hasText: subscription.name });
  await expect(row).toContainText("Monthly on day 15 at 06:30 (Europe/Berlin)");

  await row.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Delete “${subscription.name}”?` });
  await expect(dialog).toContainText("This cannot be undone.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toHaveCount(1);

  await row.getByRole("button", { name: "Delete", exact: true }).click();
  await dialog.getByRole("button", { name: "Delete subscription" }).click();
  await expect(row).toHaveCount(0);
});
