import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { consolePages } from "../support/console-pages";

// WCAG 2.1 A and AA, which include colour contrast (AA: 4.5:1 for text).
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING = new Set(["serious", "critical"]);

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ""))
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`),
    }));
}

/** A page is ready to scan once its heading is there (and, on /docs, once the reference has drawn its operations). */
async function open(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  if (path === "/docs") await expect(page.locator(".opblock").first()).toBeVisible();
}

test("every console page has no serious or critical accessibility violation", async ({ page }) => {
  test.setTimeout(300_000);
  const found: Record<string, unknown> = {};
  for (const path of await consolePages()) {
    await open(page, path);
    const violations = await seriousViolations(page);
    if (violations.length > 0) found[path] = violations;
  }
  expect(found).toEqual({});
});

test("the sign-in page has no serious or critical accessibility violation", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});

test("each page has its own title and the navigation marks where the user is", async ({ page }) => {
  for (const [path, title, link] of [
    ["/", "Overview · Sluice", "Overview"],
    ["/runs", "Runs · Sluice", "Runs"],
    ["/tokens", "API tokens · Sluice", "API tokens"],
    ["/subscriptions/new", "New subscription · Sluice", "Subscriptions"],
  ] as const) {
    await page.goto(path);
    await expect(page).toHaveTitle(title);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: link, exact: true })).toHaveAttribute("aria-current", "page");
    await expect(nav.locator("[aria-current]")).toHaveCount(1);
  }
});
