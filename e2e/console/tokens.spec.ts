import { expect, test } from "@playwright/test";
import { signedInViewerPage } from "../support/viewer-page";
import { bearer } from "../support/problems";
import { rememberIssuedToken } from "../support/issued-tokens";

test("an admin creates a token, an application uses it, the admin revokes it", async ({ page, request }) => {
  const name = `ci-pipeline-${Date.now()}`;
  await page.goto("/tokens");
  await page.getByRole("button", { name: "Create API Token" }).click();

  const generate = page.getByRole("button", { name: "Generate", exact: true });
  await expect(generate).toBeDisabled();
  await page.getByLabel("Token name").fill(name);
  await expect(generate).toBeDisabled(); // still no permission
  await page.getByLabel("Expiry", { exact: true }).selectOption({ label: "60 days" });
  await page.getByLabel("Description").fill("Nightly export job");
  await page.getByLabel("Execute a new subscription").check();
  await expect(generate).toBeEnabled();
  await generate.click();

  const tokenField = page.getByLabel("API token", { exact: true });
  await expect(tokenField).toHaveValue(/^slc_[0-9A-Za-z]{36}$/);
  await expect(page.getByText("cannot be shown again")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
  const token = await tokenField.inputValue();
  rememberIssuedToken(token);

  const introspection = await request.get("/api/v1/token", { headers: bearer(token) });
  expect(introspection.status()).toBe(200);
  expect(await introspection.json()).toMatchObject({ name, permissions: ["subscriptions:execute"] });

  await page.getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Nightly export job");
  await expect(row).toContainText(token.slice(0, 8));
  await expect(row).toContainText("in 60 days");
  expect(await page.content()).not.toContain(token);
  // Last use is written in a batch shortly after the call.
  await expect(async () => {
    await page.reload();
    await expect(row).not.toContainText("Never", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  expect(await page.content()).not.toContain(token);

  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("Revoked");

  const afterRevoke = await request.get("/api/v1/token", { headers: bearer(token) });
  expect(afterRevoke.status()).toBe(401);
});

test("the form shows field errors and keeps what was typed", async ({ page }) => {
  const name = `duplicate-${Date.now()}`;
  for (const attempt of [1, 2]) {
    await page.goto("/tokens");
    await page.getByRole("button", { name: "Create API Token" }).click();
    await page.getByLabel("Token name").fill(name);
    await page.getByLabel("Description").fill(`attempt ${attempt}`);
    await page.getByLabel("Refresh a semantic data input model").check();
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    if (attempt === 1) {
      await expect(page.getByLabel("API token", { exact: true })).toHaveValue(/^slc_/);
      await page.getByRole("button", { name: "Done" }).click();
    }
  }
  await expect(page.getByText("An active token already has this name")).toBeVisible();
  await expect(page.getByLabel("Token name")).toHaveValue(name);
  await expect(page.getByLabel("Description")).toHaveValue("attempt 2");
  await expect(page.getByLabel("Refresh a semantic data input model")).toBeChecked();
});

test("a custom expiry date reveals the date field", async ({ page }) => {
  await page.goto("/tokens");
  await page.getByRole("button", { name: "Create API Token" }).click();
  await expect(page.getByLabel("Expiry date")).toHaveCount(0);
  await page.getByLabel("Expiry", { exact: true }).selectOption({ label: "Custom date" });
  const date = page.getByLabel("Expiry date");
  await expect(date).toBeVisible();
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await expect(date).toHaveAttribute("min", tomorrow);
});

test("a viewer cannot open /tokens", async ({ browser, baseURL }) => {
  const { context, page } = await signedInViewerPage(browser, baseURL);
  const response = await page.goto("/tokens");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: /403/ })).toBeVisible();
  await context.close();
});

test("the token list's HTML and RSC payload hold neither plaintext nor digest", async ({ page, request }) => {
  const name = `leak-check-${Date.now()}`;
  await page.goto("/tokens");
  await page.getByRole("button", { name: "Create API Token" }).click();
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Execute a new subscription").check();
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const token = await page.getByLabel("API token", { exact: true }).inputValue();
  rememberIssuedToken(token);
  await page.getByRole("button", { name: "Done" }).click();

  const { digestOf } = await import("../../lib/tokens/format");
  const digest = digestOf(token);
  const cookies = await page.context().cookies();
  const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const html = await (await request.get("/tokens", { headers: { cookie: cookieHeader } })).text();
  const rsc = await (await request.get("/tokens", { headers: { cookie: cookieHeader, RSC: "1" } })).text();
  expect(html).toContain(name);
  expect(rsc).toContain(name);
  for (const payload of [html, rsc]) {
    expect(payload).not.toContain(token);
    expect(payload).not.toContain(token.slice(8));
    expect(payload).not.toContain(digest);
  }
});
