import { expect, test, type Browser } from "@playwright/test";
import { makeViewer } from "../support/fixtures";
import { passwordsSetInSuite } from "../support/env";

/** Signs a user in through the login form in a context of its own. Close the context when done. */
async function signedIn(browser: Browser, baseURL: string | undefined, email: string, password: string) {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(email);
  return { context, page };
}

async function expectSignedOut(page: import("@playwright/test").Page) {
  await page.goto("/runs");
  await expect(page).toHaveURL(/\/login$/);
}

test("a user changes their own password: this session goes on, their other sessions end", async ({
  browser,
  baseURL,
}) => {
  const viewer = await makeViewer();
  const newPassword = passwordsSetInSuite.changedByUser;
  const here = await signedIn(browser, baseURL, viewer.email, viewer.password);
  const elsewhere = await signedIn(browser, baseURL, viewer.email, viewer.password);

  const page = here.page;
  await page.getByRole("link", { name: "Account" }).click();
  await page.getByLabel("Current password").fill("not-my-password-at-all");
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByText("This is not your current password")).toBeVisible();

  await page.getByLabel("Current password").fill(viewer.password);
  await page.getByLabel("New password").fill("é".repeat(37)); // 37 characters, 74 bytes
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByText("At most 72 bytes")).toBeVisible();

  await page.getByLabel("Current password").fill(viewer.password);
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByRole("status")).toContainText("Password changed");

  await page.goto("/runs");
  await expect(page.getByTestId("current-user")).toContainText(viewer.email);
  await expectSignedOut(elsewhere.page);
  await Promise.all([here.context.close(), elsewhere.context.close()]);

  const again = await signedIn(browser, baseURL, viewer.email, newPassword);
  await again.context.close();
});

test("an admin sets a user's password, which ends that user's sessions", async ({ page, browser, baseURL }) => {
  const viewer = await makeViewer();
  const theirs = await signedIn(browser, baseURL, viewer.email, viewer.password);

  await page.goto("/users");
  const row = page.getByRole("row").filter({ hasText: viewer.email });
  await row.getByRole("button", { name: "Set password" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("New password").fill("too-short");
  await dialog.getByRole("button", { name: "Save password" }).click();
  await expect(dialog.getByText("At least 12 characters")).toBeVisible();
  await dialog.getByLabel("New password").fill(passwordsSetInSuite.setByAdmin);
  await dialog.getByRole("button", { name: "Save password" }).click();
  await expect(dialog.getByRole("status")).toContainText("Password set");

  await expectSignedOut(theirs.page);
  await theirs.context.close();
  const again = await signedIn(browser, baseURL, viewer.email, passwordsSetInSuite.setByAdmin);
  await again.context.close();
});
