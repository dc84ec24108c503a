import { expect, test as setup } from "@playwright/test";
import { adminCredentials } from "./env";

setup("sign in as the seeded admin", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(adminCredentials.email);
  await page.getByLabel("Password").fill(adminCredentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(adminCredentials.email);
  await page.context().storageState({ path: "e2e/.auth/admin.json" });
});
