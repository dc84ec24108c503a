import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { deleteSubscription } from "../../lib/subscriptions/repository";
import { systemActor } from "../../lib/audit/record";
import { makeSubscription, makeToken } from "../support/fixtures";
import { rememberIssuedToken } from "../support/issued-tokens";
import { runCollection, statusesByName } from "../support/newman";
import { bearer } from "../support/problems";

// SPEC §8 in the console: scope and allowed ranges at creation, Regenerate, the token's page, Postman.
type Collection = {
  info: { schema: string };
  variable: { key: string; value: string }[];
  auth: unknown;
  item: unknown[];
};

async function downloadCollection(page: Page, scope: Page | ReturnType<Page["getByRole"]>): Promise<Collection> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    scope.getByRole("button", { name: "Download Postman collection" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("sluice.postman_collection.json");
  return JSON.parse(await readFile(await download.path(), "utf8")) as Collection;
}

function requestNames(items: unknown[]): string[] {
  return (items as { name: string; item?: unknown[]; request?: unknown }[]).flatMap((i) =>
    i.item ? requestNames(i.item) : [i.name],
  );
}

const V1_REQUESTS = [
  "Introspect the calling token",
  "List subscriptions",
  "Start a subscription run",
  "List a subscription's runs",
  "List semantic models",
  "List a model's refreshes",
  "This document",
];

test("a token limited to one subscription and to IP ranges; its Postman collection runs in newman", async ({
  page,
  request,
  baseURL,
}) => {
  const [chosen, other] = [await makeSubscription(), await makeSubscription()];
  const name = `scoped-${Date.now()}`;
  await page.goto("/tokens");
  await page.getByRole("button", { name: "Create API Token" }).click();
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Execute a new subscription").check();
  const subscriptions = page.getByRole("group", { name: "Subscriptions" });
  await expect(subscriptions.getByRole("radio", { name: "All subscriptions" })).toBeChecked();
  await subscriptions.getByRole("radio", { name: "Only selected" }).check();
  await subscriptions.getByRole("checkbox", { name: chosen.name }).check();
  await expect(page.getByRole("group", { name: "Semantic models" })).toHaveCount(0);
  // The browser and newman reach the server over loopback; the suite's proxy header names any other client.
  await page.getByLabel("Allowed IP ranges").fill("127.0.0.1\n::1\n10.0.0.0/8");
  await page.getByRole("button", { name: "Generate", exact: true }).click();

  const tokenField = page.getByLabel("API token", { exact: true });
  await expect(tokenField).toHaveValue(/^slc_/);
  const token = await tokenField.inputValue();
  rememberIssuedToken(token);

  const collection = await downloadCollection(page, page.getByRole("dialog"));
  expect(collection.info.schema).toContain("v2.1.0");
  expect(collection.variable).toEqual([
    { key: "baseUrl", value: baseURL },
    { key: "token", value: token },
  ]);
  await page.getByRole("button", { name: "Done" }).click();

  const introspection = await (await request.get("/api/v1/token", { headers: bearer(token) })).json();
  expect(introspection).toMatchObject({
    name,
    scopes: { subscriptions: [chosen.id], semanticModels: "all" },
    allowedIps: ["127.0.0.1/32", "::1/128", "10.0.0.0/8"],
  });
  const elsewhere = await request.get("/api/v1/token", {
    headers: { ...bearer(token), "X-Forwarded-For": "198.51.100.20" },
  });
  expect(elsewhere.status()).toBe(403);

  const summary = await runCollection(collection);
  expect(summary.run.failures).toEqual([]);
  const statuses = statusesByName(summary);
  for (const request of V1_REQUESTS) expect(Object.keys(statuses)).toContain(request);
  expect(statuses["Introspect the calling token"]).toBe(200);
  expect(statuses["List subscriptions"]).toBe(200);
  // The token lacks the refresh permission; the sample ids of the other requests name nothing.
  expect(statuses["List semantic models"]).toBe(403);
  const list = summary.run.executions.find((e) => e.item.name === "List subscriptions");
  const listed = JSON.parse(list?.response?.stream?.toString() ?? "{}") as { data: { id: string }[] };
  expect(listed.data.map((s) => s.id)).toEqual([chosen.id]);
  expect(listed.data.map((s) => s.id)).not.toContain(other.id);
});

test("the tokens page offers the collection with every v1 request and an empty token", async ({ page, baseURL }) => {
  await page.goto("/tokens");
  const collection = await downloadCollection(page, page);
  expect(collection.variable).toEqual([
    { key: "baseUrl", value: baseURL },
    { key: "token", value: "" },
  ]);
  expect(collection.auth).toEqual({ type: "bearer", bearer: [{ key: "token", value: "{{token}}", type: "string" }] });
  const names = requestNames(collection.item);
  for (const request of V1_REQUESTS) expect(names).toContain(request);
  expect(names.some((n) => n.startsWith("Report leaked tokens"))).toBe(true);
  expect(names.some((n) => n.startsWith("Health"))).toBe(false);
});

test("Regenerate shows the new token once; the old one works for the grace period, shown beside it", async ({
  page,
  request,
}) => {
  const { id, token: oldToken } = await makeToken({ expiresInDays: 30 });
  await page.goto("/tokens");
  const row = page
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: /^test-/ }) })
    .filter({
      hasText: oldToken.slice(0, 8),
    });
  await row.getByRole("button", { name: "Regenerate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Expiry", { exact: true }).selectOption({ label: "90 days" });
  const grace = dialog.getByRole("group", { name: "Old token stops working" });
  for (const label of ["Immediately", "In 1 hour", "In 24 hours", "In 7 days"])
    await expect(grace.getByRole("radio", { name: label })).toBeVisible();
  await expect(grace.getByRole("radio", { name: "Immediately" })).toBeChecked();
  await grace.getByRole("radio", { name: "In 1 hour" }).check();
  await dialog.getByRole("button", { name: "Regenerate" }).click();

  const tokenField = page.getByLabel("API token", { exact: true });
  await expect(tokenField).toHaveValue(/^slc_/);
  const newToken = await tokenField.inputValue();
  rememberIssuedToken(newToken);
  expect(newToken).not.toBe(oldToken);
  await expect(page.getByText("cannot be shown again")).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();

  const rotated = page.getByRole("row").filter({ hasText: newToken.slice(0, 8) });
  await expect(rotated).toContainText(`old ${oldToken.slice(0, 8)}… works until`);
  await expect(rotated).toContainText("in 90 days");
  for (const secret of [oldToken, newToken])
    expect((await request.get("/api/v1/token", { headers: bearer(secret) })).status()).toBe(200);
  expect(await page.content()).not.toContain(newToken);

  await page.goto(`/tokens/${id}`);
  await expect(page.getByText(`old ${oldToken.slice(0, 8)}… works until`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "token.regenerated" })).toBeVisible();
  expect(await page.content()).not.toContain(newToken);
});

test("the token's page charts requests per day and lists its last uses and audit entries", async ({
  page,
  request,
}) => {
  const { id, token } = await makeToken({ permissions: ["semantic-models:refresh"] });
  expect((await request.get("/api/v1/token", { headers: bearer(token) })).status()).toBe(200);
  expect((await request.get("/api/v1/semantic-models", { headers: bearer(token) })).status()).toBe(200);
  expect((await request.get("/api/v1/subscriptions", { headers: bearer(token) })).status()).toBe(403);

  await page.goto(`/tokens/${id}`);
  const uses = page.getByRole("row").filter({ hasText: "GET /api/v1/subscriptions" });
  // Uses are written in a batch about a second after the requests.
  await expect(async () => {
    await page.reload();
    await expect(uses).toContainText("403", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("row").filter({ hasText: "GET /api/v1/token" })).toContainText("200");

  const usage = page.getByRole("figure", { name: "Usage" });
  await expect(usage.locator("svg.recharts-surface[role=application]")).toBeVisible();
  await expect(usage.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await usage.getByText("Usage as a table").click();
  const today = new Date().toISOString().slice(0, 10);
  const todayRow = usage.getByRole("table", { name: "Requests per day" }).getByRole("row").filter({ hasText: today });
  await expect(todayRow).toHaveText(`${today}21`);
  await expect(usage.getByRole("table", { name: "Requests per day" }).getByRole("row")).toHaveCount(31);
  await expect(page.getByRole("row").filter({ hasText: "token.created" })).toBeVisible();
});

test("a token within a week of expiry is highlighted in the list", async ({ page }) => {
  const { token } = await makeToken({ expiresInDays: 5 });
  const { token: later } = await makeToken({ expiresInDays: 20 });
  await page.goto("/tokens");
  const soon = page
    .getByRole("row")
    .filter({ hasText: token.slice(0, 8) })
    .getByText("Expires in 5 days");
  await expect(soon).toBeVisible();
  await expect(soon).toHaveClass(/amber/);
  await expect(page.getByRole("row").filter({ hasText: later.slice(0, 8) })).toContainText("in 20 days");
  await expect(page.getByRole("row").filter({ hasText: later.slice(0, 8) })).not.toContainText("Expires in");
});

test("bad input gets field errors and saves nothing", async ({ page }) => {
  const subscription = await makeSubscription();
  const name = `bad-input-${Date.now()}`;
  await page.goto("/tokens");
  await page.getByRole("button", { name: "Create API Token" }).click();
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Execute a new subscription").check();
  const subscriptions = page.getByRole("group", { name: "Subscriptions" });
  await subscriptions.getByRole("radio", { name: "Only selected" }).check();
  await subscriptions.getByRole("checkbox", { name: subscription.name }).check();
  await page.getByLabel("Allowed IP ranges").fill("10.0.0.0/8\n10.0.0.0/33");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(page.getByText("Not an IP address or CIDR range: 10.0.0.0/33")).toBeVisible();

  // The subscription is deleted while the form is open.
  await deleteSubscription(subscription.id, systemActor("test fixture"));
  await page.getByLabel("Allowed IP ranges").fill("10.0.0.0/8");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(page.getByText("A selected subscription no longer exists")).toBeVisible();
  await expect(page.getByLabel("API token", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("link", { name })).toHaveCount(0);

  // A grace period longer than the old secret has left.
  const { token } = await makeToken({ expiresInDays: 2 });
  await page.reload();
  await page
    .getByRole("row")
    .filter({ hasText: token.slice(0, 8) })
    .getByRole("button", { name: "Regenerate" })
    .click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("radio", { name: "In 7 days" }).check();
  await dialog.getByRole("button", { name: "Regenerate" }).click();
  await expect(dialog.getByText("The old token expires before then")).toBeVisible();
  await expect(page.getByLabel("API token", { exact: true })).toHaveCount(0);
});
