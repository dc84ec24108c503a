import { expect, test, type Page } from "@playwright/test";
import { makeSubscription, makeToken } from "../support/fixtures";
import { insertAuditEvents } from "../support/history";
import { bearer } from "../support/problems";

const at = (iso: string) => new Date(`${iso}Z`);

/** The actions of the listed rows by one actor, top to bottom. */
const actionsOf = (page: Page, actor: string) =>
  page.getByRole("row").filter({ hasText: actor }).locator("td:nth-child(2)").allTextContents();

async function filter(
  page: Page,
  fields: Partial<Record<"Actor" | "Action" | "Token" | "From (UTC)" | "To (UTC)", string>>,
) {
  await page.goto("/audit");
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/audit\?/);
}

test("the audit page filters by actor, action and time range", async ({ page }) => {
  const actor = await insertAuditEvents([
    { action: "token.revoked", at: at("2021-03-04T12:30:00") },
    { action: "subscription.updated", at: at("2021-03-04T11:59:30") },
    { action: "subscription.updated", at: at("2021-03-03T09:00:00") },
    { action: "sign-in.succeeded", at: at("2021-03-01T08:00:00") },
  ]);

  await filter(page, { Actor: actor });
  expect(await actionsOf(page, actor)).toEqual([
    "token.revoked",
    "subscription.updated",
    "subscription.updated",
    "sign-in.succeeded",
  ]);

  await filter(page, { Actor: actor, Action: "subscription.updated" });
  expect(await actionsOf(page, actor)).toEqual(["subscription.updated", "subscription.updated"]);
  await expect(page.getByLabel("Action")).toHaveValue("subscription.updated");

  // "To" takes in the whole minute it names.
  await filter(page, { Actor: actor, "From (UTC)": "2021-03-03T00:00", "To (UTC)": "2021-03-04T11:59" });
  expect(await actionsOf(page, actor)).toEqual(["subscription.updated", "subscription.updated"]);

  await filter(page, { Actor: actor, "From (UTC)": "2021-03-04T12:00" });
  expect(await actionsOf(page, actor)).toEqual(["token.revoked"]);
});

test("the audit page filters by token, by name or id", async ({ page, request }) => {
  const { id, token } = await makeToken({ permissions: ["subscriptions:execute"] });
  const { token: other } = await makeToken({ permissions: ["subscriptions:execute"] });
  const subscription = await makeSubscription();
  const trigger = (t: string) =>
    request.post(`/api/v1/subscriptions/${subscription.id}/runs`, { headers: bearer(t) }).then((r) => r.status());
  expect(await trigger(token)).toBe(202);
  expect(await trigger(other)).toBe(202);
  const name = (await (await request.get("/api/v1/token", { headers: bearer(token) })).json()).name as string;

  for (const value of [name, id]) {
    await filter(page, { Token: value, Action: "subscription.triggered" });
    const rows = page.getByRole("row").filter({ hasText: "subscription.triggered" });
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(name);
  }

  await filter(page, { Token: "no-such-token-name" });
  await expect(page.getByText("Token: no token has this name or id.")).toBeVisible();
  await expect(page.getByText("No audit events match.")).toBeVisible();
});

test("a bad filter value gets a clear message, not an error page", async ({ page }) => {
  const cases: [string, string][] = [
    ["from=yesterday", "From: Enter a date and time as YYYY-MM-DDTHH:MM (UTC)"],
    ["to=2021-13-45T10:00", "To: Enter a date and time as YYYY-MM-DDTHH:MM (UTC)"],
    ["from=2021-03-05T10:00&to=2021-03-04T10:00", "To: From must be before To"],
    ["action=DROP%20TABLE", "Action: An action looks like token.created or sign-in.failed"],
    ["actor=a&actor=b", "Actor: give one value"],
    [`token=${"x".repeat(400)}`, "Token: At most 320 characters"],
  ];
  for (const [query, message] of cases) {
    const response = await page.goto(`/audit?${query}`);
    expect(response?.status(), query).toBe(200);
    // Next's route announcer is an alert too, always empty.
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(message);
    await expect(page.getByText("No audit events match.")).toBeVisible();
  }
});
