import { expect, type Page } from "@playwright/test";

// The worker picks a console refresh up within seconds; this leaves room for a busy CI machine.
const REFRESH_TIMEOUT_MS = 45_000;

/** Creates a semantic model through the console form; returns its id, with the page on the model's own page. */
async function createModelInConsole(
  page: Page,
  model: { name: string; sourceQuery: string; labelColumn: string; idColumn: string },
) {
  await page.goto("/semantic-models/new");
  await page.getByLabel("Name", { exact: true }).fill(model.name);
  await page.getByLabel("Source query").fill(model.sourceQuery);
  await page.getByLabel("Label column").fill(model.labelColumn);
  await page.getByLabel("ID column").fill(model.idColumn);
  await page.getByRole("button", { name: "Save semantic model" }).click();
  await page.waitForURL(/\/semantic-models\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").pop() as string;
}

/** Clicks **Refresh now** on a model's page and waits, reloading, until the refresh history shows it succeeded. */
export async function refreshModelInConsole(page: Page) {
  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Refresh queued" })).toBeVisible();
  const latestRefresh = page.getByRole("row").filter({ hasText: "console" }).first();
  await expect(async () => {
    await page.reload();
    await expect(latestRefresh).toContainText("succeeded", { timeout: 1_000 });
  }).toPass({ timeout: REFRESH_TIMEOUT_MS });
  return latestRefresh;
}

/** A model over the demo regions (north / south / east / west), created and refreshed through the console. */
export async function createRefreshedRegionsModel(page: Page, name: string) {
  const id = await createModelInConsole(page, {
    name,
    sourceQuery: "select id, name from regions order by id",
    labelColumn: "name",
    idColumn: "id",
  });
  await refreshModelInConsole(page);
  return id;
}
