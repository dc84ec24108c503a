import { expect, test } from "@playwright/test";
import { consolePages } from "../support/console-pages";

// A small phone in portrait.
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

test("every console page fits a 375 px wide screen: no sideways page scroll, navigation and heading in view", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const tooWide: Record<string, number> = {};
  for (const path of await consolePages()) {
    await page.goto(path);
    // The page's own heading (on /docs the reference has one of its own below it).
    const heading = page.getByRole("heading", { level: 1 }).first();
    await expect(heading).toBeVisible();
    if (path === "/docs") await expect(page.locator(".opblock").first()).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" })).toBeInViewport();
    const box = await heading.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375, `${path}: heading within the screen`).toBe(true);
    // Wide tables scroll inside their own box; the page itself must not.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 375) tooWide[path] = width;
  }
  expect(tooWide).toEqual({});
});
