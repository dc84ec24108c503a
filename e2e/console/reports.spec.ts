import { expect, test } from "@playwright/test";
import { and, eq, sql as dsql } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { auditEvents } from "../../lib/db/schema";
import { signedInViewerPage } from "../support/viewer-page";
import { createRefreshedRegionsModel } from "../support/semantic-models";

// Ten demo sales with a label column whose text cannot be mistaken for another row's ("sale-3" vs "sale-30").
const SALES_QUERY = "select s.id, 'sale-' || s.id as sale, s.quantity from sales s where s.id <= 10 order by s.id";

test("an admin builds a report with data-input columns and a row's choice survives a reload", async ({ page }) => {
  const stamp = Date.now();
  const modelName = `Sales regions ${stamp}`;
  const reportName = `Regional review ${stamp}`;
  await createRefreshedRegionsModel(page, modelName);

  await page.goto("/reports");
  await page.getByRole("link", { name: "New report" }).click();
  await expect(page).toHaveURL(/\/reports\/new$/);
  await page.getByLabel("Name", { exact: true }).fill(reportName);
  await page.getByLabel("Query").fill(SALES_QUERY);
  await page.getByLabel("Key column").fill("sale_id");
  await page.getByRole("button", { name: "Add data-input column" }).click();
  await page.getByRole("button", { name: "Add data-input column" }).click();
  const first = page.getByRole("group", { name: "Data-input column 1" });
  await first.getByLabel("Column name").fill("Region");
  await first.getByLabel("Type").selectOption({ label: "Single-select" });
  await first.getByLabel("Semantic model").selectOption({ label: modelName });
  const second = page.getByRole("group", { name: "Data-input column 2" });
  await second.getByLabel("Column name").fill("Also sold in");
  await second.getByLabel("Type").selectOption({ label: "Multi-select" });
  await second.getByLabel("Semantic model").selectOption({ label: modelName });
  await page.getByRole("button", { name: "Save report" }).click();

  // The key column must be one the query returns; the groups keep what was entered.
  await expect(page.getByText('no column "sale_id"')).toBeVisible();
  await expect(page.getByLabel("Key column")).toHaveValue("sale_id");
  await expect(second.getByLabel("Column name")).toHaveValue("Also sold in");
  await expect(second.getByLabel("Type")).toHaveValue("multi");

  await page.getByLabel("Key column").fill("id");
  await page.getByRole("button", { name: "Save report" }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: reportName })).toBeVisible();
  await expect(page.getByRole("link", { name: modelName }).first()).toBeVisible();
  await expect(page.getByText("last refreshed").first()).toBeVisible();

  const row = page.getByRole("row").filter({ hasText: "sale-3" });
  await row.getByLabel("Region", { exact: true }).selectOption({ label: "North" });
  await expect(row.getByText("Saved")).toHaveCount(1);
  await row.getByLabel("Also sold in").selectOption([{ label: "East" }, { label: "West" }]);
  await expect(row.getByText("Saved")).toHaveCount(2);

  await page.reload();
  await expect(row.getByLabel("Region", { exact: true })).toHaveValue("north");
  await expect(row.getByLabel("Also sold in")).toHaveValues(["east", "west"]);
  await expect(page.getByRole("row").filter({ hasText: "sale-4" }).getByLabel("Region", { exact: true })).toHaveValue(
    "",
  );

  // Renaming a column keeps its saved choices.
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(first.getByLabel("Column name")).toHaveValue("Region");
  await first.getByLabel("Column name").fill("Home region");
  await page.getByRole("button", { name: "Save report" }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  await expect(row.getByLabel("Home region")).toHaveValue("north");

  await page.goto("/reports");
  const listed = page.getByRole("row").filter({ hasText: reportName });
  await expect(listed).toContainText("id");
  await expect(listed.getByRole("cell", { name: "2", exact: true })).toBeVisible();
  await expect(listed.getByRole("link", { name: "Edit" })).toBeVisible();
});

test("a viewer reads a report but cannot change choices or open the report form", async ({
  page,
  browser,
  baseURL,
}) => {
  const stamp = Date.now();
  const modelName = `Viewer regions ${stamp}`;
  await createRefreshedRegionsModel(page, modelName);
  await page.goto("/reports/new");
  await page.getByLabel("Name", { exact: true }).fill(`Read-only review ${stamp}`);
  await page.getByLabel("Query").fill(SALES_QUERY);
  await page.getByLabel("Key column").fill("id");
  await page.getByRole("button", { name: "Add data-input column" }).click();
  const group = page.getByRole("group", { name: "Data-input column 1" });
  await group.getByLabel("Column name").fill("Region");
  await group.getByLabel("Semantic model").selectOption({ label: modelName });
  await page.getByRole("button", { name: "Save report" }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  const reportPath = new URL(page.url()).pathname;

  const { context, page: viewerPage } = await signedInViewerPage(browser, baseURL);

  await viewerPage.goto(reportPath);
  await expect(
    viewerPage.getByRole("row").filter({ hasText: "sale-3" }).getByLabel("Region", { exact: true }),
  ).toBeDisabled();
  await expect(viewerPage.getByRole("link", { name: "Edit" })).toHaveCount(0);
  expect((await viewerPage.goto("/reports/new"))?.status()).toBe(403);
  expect((await viewerPage.goto(`${reportPath}/edit`))?.status()).toBe(403);
  await context.close();
});

test("a report address that is not a UUID is a 404 page, not an error", async ({ page }) => {
  const response = await page.goto("/reports/not-a-uuid");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("a query that would write is a field error on Query, takes no effect, and a saved query is audited", async ({
  page,
}) => {
  const stamp = Date.now();
  const escape = `select 1 as id) s; commit; create table public.escape_${stamp}(x int); select * from (select 1 as id`;
  await page.goto("/reports/new");
  await page.getByLabel("Name", { exact: true }).fill(`Escape ${stamp}`);
  await page.getByLabel("Query").fill(escape);
  await page.getByLabel("Key column").fill("id");
  await page.getByRole("button", { name: "Save report" }).click();
  await expect(page.getByText(/exactly one SELECT .*multiple commands/)).toBeVisible();
  await expect(page.getByLabel("Query")).toHaveValue(escape);
  const [created] = await db.execute<{ table: string | null }>(
    dsql`select to_regclass(${`public.escape_${stamp}`})::text as table`,
  );
  expect(created.table).toBeNull();

  await page.getByLabel("Query").fill(SALES_QUERY);
  await page.getByRole("button", { name: "Save report" }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  const reportId = new URL(page.url()).pathname.split("/").pop() ?? "";
  const audited = await db
    .select({ details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "report.created"), eq(auditEvents.targetId, reportId)));
  expect(audited).toEqual([{ details: expect.objectContaining({ query: SALES_QUERY }) }]);
});
