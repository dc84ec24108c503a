import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { deliveries, reports, runs, subscriptions } from "../../lib/db/schema";
import { unsubscribeUrl } from "../../lib/subscriptions/unsubscribe-link";
import { adminCredentials } from "../support/env";
import { auditRows, makeSubscription } from "../support/fixtures";
import { messagesBySubject } from "../support/mailbox";

test("the form saves the sending options, names the variables, and refuses invalid recipients by name", async ({
  page,
}) => {
  const unique = randomUUID().slice(0, 8);
  const name = `Sending options ${unique}`;
  await page.goto("/subscriptions/new");
  await expect(page.getByText("Subject and Message may use")).toContainText("{{report}}");
  await expect(page.getByText("Subject and Message may use")).toContainText("{{date}}");
  await expect(page.getByText("Subject and Message may use")).toContainText("{{rows}}");

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Report", { exact: true }).selectOption({ label: "Sales by product" });
  const valid = Array.from({ length: 497 }, (_, i) => `reader${i}-${unique}@sluice.test`);
  const invalid = [`nobody-${unique}`, `two@@${unique}.test`, `three-${unique}@`];
  await page
    .getByLabel("Recipients")
    .fill([...valid.slice(0, 100), invalid[0], ...valid.slice(100), ...invalid.slice(1)].join("\n"));
  await page.getByLabel("Subject").fill("{{report}} for {{date}}");
  await page.getByLabel("Message").fill("{{rows}} rows today.");
  await page.getByLabel("Only send when the report has rows").check();
  await page.getByLabel("Notify me when a run fails").check();
  await page.getByRole("button", { name: "Save subscription" }).click();

  await expect(page.locator("#subscription-recipients-error")).toHaveText(
    `Not e-mail addresses: ${invalid.join(", ")}`,
  );
  expect(await db.select().from(subscriptions).where(eq(subscriptions.name, name))).toEqual([]);
  await expect(page.getByLabel("Only send when the report has rows")).toBeChecked();

  await page.getByLabel("Recipients").fill(valid.join("\n"));
  await page.getByRole("button", { name: "Save subscription" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("only when the report has rows")).toBeVisible();
  await expect(page.getByText("the creator is e-mailed when a run fails")).toBeVisible();
  const [saved] = await db.select().from(subscriptions).where(eq(subscriptions.name, name));
  expect(saved).toMatchObject({ onlyWhenRows: true, onlyWhenChanged: false, notifyOnFailure: true });
  expect(saved?.recipients).toHaveLength(500 - 3);
  expect(saved?.createdBy).not.toBeNull();

  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Only send when the report has rows")).toBeChecked();
  await expect(page.getByLabel("Only send when the report changed")).not.toBeChecked();
  await page.getByLabel("Only send when the report has rows").uncheck();
  await page.getByLabel("Only send when the report changed").check();
  await page.getByRole("button", { name: "Save subscription" }).click();
  await expect(page.getByText("only when the report changed")).toBeVisible();
  await expect(page.getByText("only when the report has rows")).toHaveCount(0);
});

test("Send test email mails the report to the signed-in admin only and leaves no run behind", async ({ page }) => {
  const unique = randomUUID().slice(0, 8);
  const subscription = await makeSubscription({ subject: `{{report}} check ${unique}` });
  const [report] = await db.select({ name: reports.name }).from(reports).where(eq(reports.id, subscription.reportId));
  await page.goto(`/subscriptions/${subscription.id}`);
  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByRole("status")).toHaveText(`Test e-mail sent to ${adminCredentials.email}.`);

  await expect
    .poll(async () =>
      [...(await messagesBySubject(`[Test] ${report?.name} check ${unique}`)).entries()].map(([address, mails]) => [
        address,
        mails.length,
        mails[0]?.attachments.length,
      ]),
    )
    .toEqual([[adminCredentials.email, 1, 1]]);
  expect(await db.select().from(runs).where(eq(runs.subscriptionId, subscription.id))).toEqual([]);
  await expect(page.getByText("No runs yet.")).toBeVisible();
  const audit = await auditRows("subscription.test-email-sent");
  expect(audit.find((row) => row.targetId === subscription.id)?.details).toEqual({ to: adminCredentials.email });
});

test("Duplicate makes a paused copy named “Copy of …”, audited", async ({ page }) => {
  const subscription = await makeSubscription({ onlyWhenChanged: true });
  await page.goto(`/subscriptions/${subscription.id}`);
  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.getByRole("heading", { name: `Copy of ${subscription.name}` })).toBeVisible();
  await expect(page.getByText("Paused", { exact: true })).toBeVisible();
  await expect(page.getByText("only when the report changed")).toBeVisible();
  const copyId = page.url().split("/").pop() ?? "";
  expect(copyId).not.toBe(subscription.id);
  const [copy] = await db.select().from(subscriptions).where(eq(subscriptions.id, copyId));
  expect(copy).toMatchObject({
    status: "paused",
    recipients: subscription.recipients,
    reportId: subscription.reportId,
  });
  const audit = await auditRows("subscription.duplicated");
  expect(audit.find((row) => row.targetId === copyId)?.details).toEqual({
    name: `Copy of ${subscription.name}`,
    from: subscription.id,
  });
});

test("Re-send to failed e-mails only the recipients whose delivery failed, in the same run", async ({ page }) => {
  const subscription = await makeSubscription();
  const [delivered, failed, alsoFailed] = subscription.recipients;
  const [run] = await db
    .insert(runs)
    .values({
      kind: "subscription",
      subscriptionId: subscription.id,
      trigger: "console",
      status: "failed",
      attempts: 3,
      startedAt: new Date(),
      finishedAt: new Date(),
      error: { message: "2 of 3 recipients could not be e-mailed: 451 try again later" },
    })
    .returning();
  await db.insert(deliveries).values([
    { runId: run?.id ?? "", recipient: delivered ?? "", status: "sent", messageId: "<earlier@sluice.test>" },
    { runId: run?.id ?? "", recipient: failed ?? "", status: "failed", error: "451 try again later" },
    { runId: run?.id ?? "", recipient: alsoFailed ?? "", status: "failed", error: "451 try again later" },
  ]);

  await page.goto(`/subscriptions/${subscription.id}`);
  const runRow = page.getByRole("row").filter({ hasText: failed ?? "" });
  await expect(runRow).toContainText(`${failed}: failed (451 try again later)`);
  await page.goto(`/runs/${run?.id}`);
  await expect(page.getByRole("row").filter({ hasText: failed ?? "" })).toContainText("451 try again later");
  await page.getByRole("button", { name: "Re-send to failed" }).click();

  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 45_000 });
  for (const recipient of subscription.recipients) {
    await expect(page.getByRole("row").filter({ hasText: recipient })).toContainText("sent");
  }
  const mail = await messagesBySubject(subscription.subject);
  expect([...mail.keys()].sort()).toEqual([failed, alsoFailed].sort());
  const [after] = await db
    .select()
    .from(runs)
    .where(eq(runs.id, run?.id ?? ""));
  expect(after).toMatchObject({ status: "succeeded", attempts: 4 });
  expect((await auditRows("subscription.resent")).find((row) => row.targetId === subscription.id)).toBeDefined();
  await expect(page.getByRole("button", { name: "Re-send to failed" })).toHaveCount(0);
});

test("an address unsubscribes through its link without signing in; an admin removes it again", async ({
  page,
  browser,
}) => {
  const subscription = await makeSubscription();
  const [leaving] = subscription.recipients;
  // A reader who has never signed in: a context of its own without the admin's cookies.
  const reader = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const readerPage = await reader.newPage();
  const scriptErrors: string[] = [];
  readerPage.on("console", (message) => {
    if (message.type() === "error") scriptErrors.push(message.text());
  });
  await readerPage.goto(new URL(unsubscribeUrl(subscription.id, leaving ?? "")).pathname);
  await expect(readerPage.getByRole("heading", { name: "Unsubscribe" })).toBeVisible();
  await expect(readerPage.getByText(`Stop sending this report to ${leaving}?`)).toBeVisible();
  await readerPage.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(readerPage.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
  expect(scriptErrors).toEqual([]);
  await reader.close();

  await page.goto(`/subscriptions/${subscription.id}`);
  const row = page.getByRole("row").filter({ hasText: leaving ?? "" });
  await expect(row).toHaveCount(1);
  await page.getByRole("button", { name: "Run now" }).click();
  await page.getByRole("link", { name: "Run queued — view run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 45_000 });
  await expect(page.getByRole("row").filter({ hasText: leaving ?? "" })).toContainText("skipped (unsubscribed)");
  expect((await messagesBySubject(subscription.subject)).has(leaving ?? "")).toBe(false);

  await page.goto(`/subscriptions/${subscription.id}`);
  const unsubscribed = page.locator("section").filter({ hasText: "Unsubscribed addresses" });
  await unsubscribed
    .getByRole("row")
    .filter({ hasText: leaving ?? "" })
    .getByRole("button", { name: "Remove" })
    .click();
  await expect(unsubscribed.getByText("Nobody has unsubscribed.")).toBeVisible();
  expect((await auditRows("subscription.resubscribed")).find((r) => r.targetId === subscription.id)).toBeDefined();
});
