import { expect, test } from "@playwright/test";
import { signedInViewerPage } from "../support/viewer-page";
import { createRefreshedRegionsModel, refreshModelInConsole } from "../support/semantic-models";

test("an admin creates a semantic model, the form rejects a bad query, and Refresh now loads its values", async ({
  page,
}) => {
  const name = `Regions ${Date.now()}`;
  await page.goto("/semantic-models");
  await page.getByRole("link", { name: "New semantic model" }).click();
  await expect(page).toHaveURL(/\/semantic-models\/new$/);

  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Source query").fill("select id, name from regionz");
  await page.getByLabel("Label column").fill("name");
  await page.getByLabel("ID column").fill("id");
  await expect(page.getByLabel("Time", { exact: true })).toHaveCount(0); // Manual needs no time
  await page.getByLabel("Refresh", { exact: true }).selectOption({ label: "Daily" });
  await page.getByLabel("Time", { exact: true }).fill("07:30");
  await expect(page.getByLabel("Time zone")).toHaveValue("UTC");
  await page.getByLabel("Time zone").fill("Europe/Berlin");
  await page.getByRole("button", { name: "Save semantic model" }).click();

  // A query the warehouse refuses: its own message, on the field, with everything typed kept.
  await expect(page.getByText('relation "regionz" does not exist')).toBeVisible();
  await expect(page).toHaveURL(/\/semantic-models\/new$/);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(page.getByLabel("Source query")).toHaveValue("select id, name from regionz");
  await expect(page.getByLabel("Refresh", { exact: true })).toHaveValue("daily");
  await expect(page.getByLabel("Time", { exact: true })).toHaveValue("07:30");
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");

  // A query that runs but lacks the label column.
  await page.getByLabel("Source query").fill("select id, name from regions");
  await page.getByLabel("Label column").fill("region_name");
  await page.getByRole("button", { name: "Save semantic model" }).click();
  await expect(page.getByText('No column "region_name"')).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(page.getByLabel("Label column")).toHaveValue("region_name");

  await page.getByLabel("Label column").fill("name");
  await page.getByRole("button", { name: "Save semantic model" }).click();
  await expect(page).toHaveURL(/\/semantic-models\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split("/").pop() as string;
  await expect(page.getByRole("heading", { name })).toBeVisible();

  // The integrator's endpoint, with a curl example to copy.
  await expect(page.getByLabel("Refresh link")).toHaveValue(new RegExp(`/api/v1/semantic-models/${id}/refreshes$`));
  await expect(page.getByText(`curl -X POST -H "Authorization: Bearer $SLUICE_TOKEN"`)).toContainText(
    `/api/v1/semantic-models/${id}/refreshes`,
  );
  await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();

  const refresh = await refreshModelInConsole(page);
  await expect(refresh).toContainText("+4 / −0");
  for (const label of ["North", "South", "East", "West"])
    await expect(page.getByRole("cell", { name: label, exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "north", exact: true })).toBeVisible();

  await page.goto("/semantic-models");
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Daily at 07:30 (Europe/Berlin)");
  await expect(row.getByRole("cell", { name: "4", exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: "Refresh now" })).toBeVisible();
});

test("an admin edits a model from the list; its values stay until the next refresh", async ({ page }) => {
  const name = `Owners ${Date.now()}`;
  await createRefreshedRegionsModel(page, name);
  await page.goto("/semantic-models");
  await page.getByRole("row").filter({ hasText: name }).getByRole("link", { name: "Edit" }).click();

  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await page.getByLabel("Name", { exact: true }).fill(`${name} renamed`);
  await page.getByLabel("Source query").fill("select id as owner_id, name as owner_name from owners");
  await page.getByLabel("Label column").fill("owner_name");
  await page.getByLabel("ID column").fill("owner_id");
  await page.getByLabel("Refresh", { exact: true }).selectOption({ label: "Monthly" });
  await page.getByRole("button", { name: "Save semantic model" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: `${name} renamed` })).toBeVisible();
  await expect(page.getByText("Monthly on day 1 at 06:00 (UTC)")).toBeVisible(); // models refresh on the 1st
  await expect(page.getByRole("cell", { name: "North", exact: true })).toBeVisible(); // the old snapshot, until refreshed
  await refreshModelInConsole(page);
  await expect(page.getByRole("cell", { name: "Ada Lovelace", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "North", exact: true })).toHaveCount(0);
});

test("a viewer sees models but cannot create, edit or refresh them", async ({ page, browser, baseURL }) => {
  const name = `Viewer-visible ${Date.now()}`;
  const id = await createRefreshedRegionsModel(page, name);
  const { context, page: viewerPage } = await signedInViewerPage(browser, baseURL);

  await viewerPage.goto("/semantic-models");
  await expect(viewerPage.getByRole("row").filter({ hasText: name })).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: "New semantic model" })).toHaveCount(0);
  await viewerPage.goto(`/semantic-models/${id}`);
  await expect(viewerPage.getByRole("cell", { name: "North", exact: true })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Refresh now" })).toHaveCount(0);
  await expect(viewerPage.getByLabel("Source query")).toHaveCount(0);
  const response = await viewerPage.goto("/semantic-models/new");
  expect(response?.status()).toBe(403);
  await context.close();
});

test("a model address that is not a UUID is a 404 page, not an error", async ({ page }) => {
  const response = await page.goto("/semantic-models/not-a-uuid");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
