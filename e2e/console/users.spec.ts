import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { adminCredentials } from "../support/env";
import { bearer, expectProblem, INVALID_TOKEN_BODY } from "../support/problems";
import { makeToken, makeViewer, userIdOf } from "../support/fixtures";

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
  await expect(page.getByRole("dialog")).toContainText("They created no active API tokens.");
  await page.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
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
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Disable user" }).click();
  await expect(dialog.getByRole("alert")).toContainText("The last active admin cannot be disabled or demoted.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await row.getByRole("button", { name: /^Make viewer/ }).click();
  await expect(row.getByRole("alert")).toContainText("The last active admin");
  await expect(row).toContainText("Active");
});

test("the Disable dialog says how many tokens it stops; they answer 401 until the user is enabled", async ({
  page,
  request,
}) => {
  const creator = await makeViewer();
  const createdBy = await userIdOf(creator.email);
  const first = await makeToken({ createdBy });
  await makeToken({ createdBy });
  await makeToken({ createdBy, revoked: true });
  expect((await request.get("/api/v1/token", { headers: bearer(first.token) })).status()).toBe(200);

  await page.goto("/users");
  const row = page.getByRole("row").filter({ hasText: creator.email });
  await row.getByRole("button", { name: "Disable" }).click();
  // Two live tokens; the revoked one is not counted.
  await expect(page.getByRole("dialog")).toContainText("This stops 2 active API tokens they created");
  await page.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
  await expect(row).toContainText("Disabled");

  const refused = await request.get("/api/v1/token", { headers: bearer(first.token) });
  await expectProblem(refused, 401, "invalid_token");
  expect(await refused.json()).toEqual(INVALID_TOKEN_BODY);

  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row).toContainText("Active");
  expect((await request.get("/api/v1/token", { headers: bearer(first.token) })).status()).toBe(200);
});
