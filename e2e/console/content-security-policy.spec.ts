import { expect, test } from "@playwright/test";
import { adminCredentials } from "../support/env";

test("pages run their scripts under the nonce policy, with no violation", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  await page.goto("/login");
  // Signing in goes through client-side JavaScript (next-auth's signIn), so it only works if the scripts ran.
  await page.getByLabel("Email").fill(adminCredentials.email);
  await page.getByLabel("Password").fill(adminCredentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(adminCredentials.email);
  await page.getByRole("link", { name: "Runs" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  expect(violations).toEqual([]);
  await context.close();
});
