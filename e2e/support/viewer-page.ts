import { expect, type Browser } from "@playwright/test";
import { makeViewer } from "./fixtures";

/** A fresh viewer, signed in through the login form in a context of its own. Close the context when done. */
export async function signedInViewerPage(browser: Browser, baseURL: string | undefined) {
  const viewer = await makeViewer();
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(viewer.email);
  await page.getByLabel("Password").fill(viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText("viewer");
  return { viewer, context, page };
}
