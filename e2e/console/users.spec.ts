import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { adminCredentials } from "../support/env";

test("an admin adds a user; disabling them ends their session at once", async ({ page, browser, baseURL }) => {
  const email = `analyst-${randomUUID().slice(0, 8)}@sluice.test`;
  const password = "analyst-password-123";
  await page.goto("/users");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Ann Analyst");
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("At least 12 characters")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create user" }).click();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("viewer");
  await expect(row).toContainText("Active");

  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const theirs = await context.newPage();
  await theirs.goto("/login");
  await theirs.getByLabel("Email").fill(email);
  await theirs.getByLabel("Password").fill(password);
  await theirs.getByRole("button", { name: "Sign in" }).click();
  await expect(theirs.getByTestId("current-user")).toContainText(email);

  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");
  await theirs.goto("/runs");
  await expect(theirs).toHaveURL(/\/login$/);
  await context.close();

  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row).toContainText("Active");
});

test("the last active admin can be neither disabled nor demoted", async ({ page }) => {
  await page.goto("/users");
  const row = page.getByRole("row").filter({ hasText: adminCredentials.email });
  // The suite creates viewers only, so the seeded admin is the sole admin.
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row.getByRole("alert")).toContainText("The last active admin cannot be disabled or demoted.");
  await row.getByRole("button", { name: /Make .* viewer/ }).click();
  await expect(row.getByRole("alert")).toContainText("The last active admin");
  await expect(row).toContainText("Active");
});
