import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { makeSubscription } from "../support/fixtures";
import { signedInViewerPage } from "../support/viewer-page";

// SPEC §10: every schedule path of the subscription form, its field errors, the Next runs preview, holiday calendars
// and Completed.

async function startForm(page: Page, name: string) {
  await page.goto("/subscriptions/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Report", { exact: true }).selectOption({ label: "Sales by product" });
  await page.getByLabel("Recipients").fill(`schedules-${randomUUID().slice(0, 8)}@sluice.test`);
  await page.getByLabel("Subject").fill(name);
}

const save = (page: Page) => page.getByRole("button", { name: "Save subscription" }).click();
const nextRuns = (page: Page) => page.getByRole("list", { name: "Next runs" }).getByRole("listitem");
const fieldError = (page: Page, field: string) => page.locator(`#subscription-${field}-error`);

test("Once: a past date is refused on its field; a future one shows its single run and is saved", async ({ page }) => {
  const name = `Once ${randomUUID().slice(0, 8)}`;
  await startForm(page, name);
  await page.getByLabel("Schedule").selectOption({ label: "Once" });
  await page.getByLabel("Date", { exact: true }).fill("2020-01-01");
  await page.getByLabel("Time", { exact: true }).fill("10:00");
  await page.getByLabel("Time zone").fill("Europe/Berlin");
  await expect(page.getByText("No runs: the schedule's dates have passed.")).toBeVisible();
  await save(page);
  await expect(fieldError(page, "onceDate")).toHaveText("This date and time have passed");
  await page.goto("/subscriptions");
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);

  await startForm(page, name);
  await page.getByLabel("Schedule").selectOption({ label: "Once" });
  await page.getByLabel("Date", { exact: true }).fill("2099-06-01");
  await page.getByLabel("Time", { exact: true }).fill("10:00");
  await page.getByLabel("Time zone").fill("Europe/Berlin");
  await expect(nextRuns(page)).toHaveText(["Mon, 1 Jun 2099, 10:00 CEST"]);
  await save(page);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Once on 2099-06-01 at 10:00 (Europe/Berlin)")).toBeVisible();
});

test("Hourly: every 0 hours is refused; the preview follows Every and Time as they change", async ({ page }) => {
  const name = `Hourly ${randomUUID().slice(0, 8)}`;
  await startForm(page, name);
  await page.getByLabel("Schedule").selectOption({ label: "Hourly" });
  await page.getByLabel("Every").fill("0");
  await expect(page.getByText("Enter how often to see the next runs.")).toBeVisible();
  await save(page);
  await expect(fieldError(page, "every")).toHaveText("Every 1 to 23 hours");

  await page.getByLabel("Every").fill("6");
  await page.getByLabel("Time", { exact: true }).fill("09:15");
  await expect(nextRuns(page)).toHaveCount(5);
  await expect(nextRuns(page).first()).toContainText(/(03|09|15|21):15 UTC/);
  await page.getByLabel("Time", { exact: true }).fill("09:40");
  await expect(nextRuns(page).first()).toContainText(/(03|09|15|21):40 UTC/);
  await save(page);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Every 6 hours at 09:40 (UTC)")).toBeVisible();
});

test("Daily: an end date before the start date and an unknown zone are refused; every N days from the start", async ({
  page,
}) => {
  const name = `Daily ${randomUUID().slice(0, 8)}`;
  await startForm(page, name);
  await page.getByLabel("Schedule").selectOption({ label: "Daily" });
  await page.getByLabel("Every").fill("3");
  await page.getByLabel("Time", { exact: true }).fill("07:00");
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await expect(page.getByText("Enter a known time zone to see the next runs.")).toBeVisible();
  await page.getByLabel("Start date").fill("2099-03-10");
  await page.getByLabel("End date").fill("2099-03-01");
  await save(page);
  await expect(fieldError(page, "endDate")).toHaveText("The end date is before the start date");
  await expect(fieldError(page, "timeZone")).toHaveText("Not a known time zone (e.g. Europe/Berlin)");

  await page.getByLabel("Time zone").fill("UTC");
  await page.getByLabel("End date").fill("2099-03-20");
  await expect(nextRuns(page)).toHaveText([
    "Tue, 10 Mar 2099, 07:00 UTC",
    "Fri, 13 Mar 2099, 07:00 UTC",
    "Mon, 16 Mar 2099, 07:00 UTC",
    "Thu, 19 Mar 2099, 07:00 UTC",
  ]);
  await save(page);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Every 3 days at 07:00 (UTC), from 2099-03-10, until 2099-03-20")).toBeVisible();
});

test("Weekly: no day is refused; Days in Europe/Berlin keep their local time across the March switch", async ({
  page,
}) => {
  const name = `Weekly ${randomUUID().slice(0, 8)}`;
  await startForm(page, name);
  await page.getByLabel("Schedule").selectOption({ label: "Weekly" });
  await page.getByRole("checkbox", { name: "Mon" }).uncheck();
  await expect(page.getByText("Pick at least one day.")).toBeVisible();
  await save(page);
  await expect(fieldError(page, "daysOfWeek")).toHaveText("Pick at least one day");

  await page.getByRole("checkbox", { name: "Wed" }).check();
  await page.getByRole("checkbox", { name: "Sun" }).check();
  await page.getByLabel("Time", { exact: true }).fill("09:00");
  await page.getByLabel("Time zone").fill("Europe/Berlin");
  await page.getByLabel("Start date").fill("2099-03-25");
  await expect(nextRuns(page)).toHaveText([
    "Wed, 25 Mar 2099, 09:00 CET",
    "Sun, 29 Mar 2099, 09:00 CEST",
    "Wed, 1 Apr 2099, 09:00 CEST",
    "Sun, 5 Apr 2099, 09:00 CEST",
    "Wed, 8 Apr 2099, 09:00 CEST",
  ]);
  await save(page);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Weekly on Wednesday, Sunday at 09:00 (Europe/Berlin), from 2099-03-25")).toBeVisible();

  // Edit shows what was saved.
  await page.goto("/subscriptions");
  await page.getByRole("row").filter({ hasText: name }).getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { name: `Edit ${name}` })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Wed" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Sun" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Mon" })).not.toBeChecked();
});

test("Monthly: day 31 says it runs on the last day of shorter months; an ordinal weekday is saved", async ({
  page,
}) => {
  const name = `Monthly ${randomUUID().slice(0, 8)}`;
  await startForm(page, name);
  await page.getByLabel("Schedule").selectOption({ label: "Monthly" });
  await page.getByLabel("Day of month").selectOption({ label: "31" });
  await expect(page.getByText("Months without day 31 run on their last day.")).toBeVisible();
  await page.getByLabel("Start date").fill("2099-01-01");
  await expect(nextRuns(page)).toHaveText([
    "Sat, 31 Jan 2099, 08:00 UTC",
    "Sat, 28 Feb 2099, 08:00 UTC",
    "Tue, 31 Mar 2099, 08:00 UTC",
    "Thu, 30 Apr 2099, 08:00 UTC",
    "Sun, 31 May 2099, 08:00 UTC",
  ]);
  await page.getByLabel("Day of month").selectOption({ label: "Last day" });
  await expect(page.getByText("Months without day 31 run on their last day.")).toHaveCount(0);
  await page.getByLabel("Day of month").selectOption({ label: "First Monday" });
  await expect(nextRuns(page).first()).toHaveText("Mon, 5 Jan 2099, 08:00 UTC");
  await save(page);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Monthly on the first Monday at 08:00 (UTC), from 2099-01-01")).toBeVisible();
});

test("Manual only shows no time fields and no preview", async ({ page }) => {
  const name = `Manual ${randomUUID().slice(0, 8)}`;
  await startForm(page, name);
  await page.getByLabel("Schedule").selectOption({ label: "Daily" });
  await expect(page.getByRole("heading", { name: "Next runs" })).toBeVisible();
  await page.getByLabel("Schedule").selectOption({ label: "Manual only" });
  await expect(page.getByLabel("Time", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Next runs" })).toHaveCount(0);
  await save(page);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Manual only")).toBeVisible();
});

test("holiday calendars: create, edit, skip in a schedule's preview, refuse deleting while used, delete", async ({
  page,
}) => {
  const calendar = `Holidays ${randomUUID().slice(0, 8)}`;
  await page.goto("/settings/holidays");
  await page.getByLabel("Name").fill(calendar);
  await page.getByLabel("Dates").fill("2099-12-25\nnot-a-date");
  await page.getByRole("button", { name: "Create calendar" }).click();
  await expect(page.getByText("Not dates (YYYY-MM-DD): not-a-date")).toBeVisible();
  await page.getByLabel("Dates").fill("2099-12-25");
  await page.getByRole("button", { name: "Create calendar" }).click();
  const row = page.getByRole("row").filter({ hasText: calendar });
  await expect(row).toContainText("2099-12-25");

  await row.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { name: `Edit ${calendar}` })).toBeVisible();
  await page.getByLabel("Dates").fill("2099-12-25\n2099-12-26");
  await page.getByRole("button", { name: "Save calendar" }).click();
  await expect(page.getByRole("row").filter({ hasText: calendar })).toContainText("2099-12-25, 2099-12-26");

  const name = `Skips holidays ${randomUUID().slice(0, 8)}`;
  await startForm(page, name);
  await page.getByLabel("Schedule").selectOption({ label: "Daily" });
  await page.getByLabel("Start date").fill("2099-12-24");
  await page.getByLabel("Skip holidays").selectOption({ label: calendar });
  await expect(nextRuns(page)).toHaveText([
    "Thu, 24 Dec 2099, 08:00 UTC",
    "Fri, 25 Dec 2099, 08:00 UTC — skipped (holiday)",
    "Sat, 26 Dec 2099, 08:00 UTC — skipped (holiday)",
    "Sun, 27 Dec 2099, 08:00 UTC",
    "Mon, 28 Dec 2099, 08:00 UTC",
    "Tue, 29 Dec 2099, 08:00 UTC",
    "Wed, 30 Dec 2099, 08:00 UTC",
  ]);
  await save(page);
  await expect(page.getByText(`Daily at 08:00 (UTC), from 2099-12-24, skipping holidays (${calendar})`)).toBeVisible();

  await page.goto("/settings/holidays");
  await page.getByRole("row").filter({ hasText: calendar }).getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete “${calendar}”?` });
  await dialog.getByRole("button", { name: "Delete calendar" }).click();
  await expect(dialog).toContainText("1 subscription skips this calendar's dates");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await page.goto("/subscriptions");
  await page.getByRole("row").filter({ hasText: name }).getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { name: `Edit ${name}` })).toBeVisible();
  await page.getByLabel("Skip holidays").selectOption({ label: "No (run on holidays)" });
  await save(page);
  await expect(page.getByRole("heading", { name })).toBeVisible();

  await page.goto("/settings/holidays");
  await page.getByRole("row").filter({ hasText: calendar }).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete calendar" }).click();
  await expect(page.getByRole("row").filter({ hasText: calendar })).toHaveCount(0);

  await page.goto("/audit");
  await expect(page.getByText("holiday-calendar.deleted").first()).toBeVisible();
});

test("holiday calendars are for admins only", async ({ browser, baseURL }) => {
  const { context, page } = await signedInViewerPage(browser, baseURL);
  const response = await page.goto("/settings/holidays");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: /403/ })).toBeVisible();
  await context.close();
});

test("a subscription past its end date shows Completed and has no next run", async ({ page }) => {
  const subscription = await makeSubscription({ frequency: "daily", startDate: "2020-01-01", endDate: "2020-12-31" });
  await page.goto("/subscriptions");
  const row = page.getByRole("row").filter({ hasText: subscription.name });
  await expect(row).toContainText("Completed");
  await expect(row).toContainText("Daily at 08:00 (UTC), from 2020-01-01, until 2020-12-31");
  await page.goto(`/subscriptions/${subscription.id}`);
  await expect(page.getByText("Completed", { exact: true })).toBeVisible();
});
