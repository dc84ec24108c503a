import { expect, test } from "@playwright/test";
import { bearer } from "../support/problems";
import { makeSubscription, makeToken } from "../support/fixtures";
import { BAD_CREDENTIALS } from "../support/api-routes";
import {
  BAD_PAGE_QUERIES,
  expectInsufficientPermission,
  expectInvalidToken,
  expectProblemBody,
  problem,
} from "../support/problem-bodies";

// GET /api/v1/subscriptions — one describe per status it can answer (429 and 503: rate-limits and
// database-unavailable specs).
let token: string;
test.beforeAll(async () => {
  token = (await makeToken({ permissions: ["subscriptions:execute"] })).token;
});

test.describe("GET /api/v1/subscriptions → 200", () => {
  test("lists a subscription with exactly the documented fields", async ({ request }) => {
    const subscription = await makeSubscription({ format: "xlsx" });
    const response = await request.get("/api/v1/subscriptions?limit=100", { headers: bearer(token) });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    const page = await response.json();
    expect(Object.keys(page).sort()).toEqual(["data", "nextCursor"]);
    expect(page.data.find((s: { id: string }) => s.id === subscription.id)).toEqual({
      id: subscription.id,
      name: subscription.name,
      reportId: subscription.reportId,
      format: "xlsx",
      schedule: { frequency: "manual" },
      status: "active",
      lastRunAt: null,
    });
  });

  test("shows a schedule's time, zone and days", async ({ request }) => {
    const subscription = await makeSubscription({
      frequency: "weekly",
      time: "07:45",
      timeZone: "Europe/Berlin",
      daysOfWeek: [3, 5],
      endDate: "2099-12-31",
    });
    const page = await (await request.get("/api/v1/subscriptions?limit=100", { headers: bearer(token) })).json();
    expect(page.data.find((s: { id: string }) => s.id === subscription.id)?.schedule).toEqual({
      frequency: "weekly",
      time: "07:45",
      timeZone: "Europe/Berlin",
      daysOfWeek: [3, 5],
      endDate: "2099-12-31",
    });
  });

  test("shows a monthly schedule's ordinal weekday", async ({ request }) => {
    const subscription = await makeSubscription({ frequency: "monthly", time: "06:00", monthDay: "1-1" });
    const page = await (await request.get("/api/v1/subscriptions?limit=100", { headers: bearer(token) })).json();
    expect(page.data.find((s: { id: string }) => s.id === subscription.id)?.schedule).toEqual({
      frequency: "monthly",
      time: "06:00",
      timeZone: "UTC",
      monthlyOn: "weekday",
      weekOfMonth: 1,
      dayOfWeek: 1,
    });
  });

  test("pages newest first: each page's cursor leads to the next, without repeats", async ({ request }) => {
    const [older, newer] = [await makeSubscription(), await makeSubscription()];
    const first = await (await request.get("/api/v1/subscriptions?limit=1", { headers: bearer(token) })).json();
    expect(first.data).toHaveLength(1);
    expect(first.data[0].id).toBe(newer.id);
    expect(typeof first.nextCursor).toBe("string");
    const second = await (
      await request.get(`/api/v1/subscriptions?limit=1&cursor=${first.nextCursor}`, { headers: bearer(token) })
    ).json();
    expect(second.data.map((s: { id: string }) => s.id)).toEqual([older.id]);
  });
});

test.describe("GET /api/v1/subscriptions → 400", () => {
  for (const [query, detail] of BAD_PAGE_QUERIES) {
    test(`refuses ?${query.slice(0, 40)}`, async ({ request }) => {
      const response = await request.get(`/api/v1/subscriptions?${query}`, { headers: bearer(token) });
      await expectProblemBody(response, problem("invalid_request", detail));
    });
  }
});

test.describe("GET /api/v1/subscriptions → 401", () => {
  for (const [label, headers] of BAD_CREDENTIALS) {
    test(`refuses ${label}`, async ({ request }) => {
      await expectInvalidToken(await request.get("/api/v1/subscriptions", { headers: await headers() }));
    });
  }
});

test.describe("GET /api/v1/subscriptions → 403", () => {
  test("refuses a token that may only refresh models", async ({ request }) => {
    const refreshOnly = (await makeToken({ permissions: ["semantic-models:refresh"] })).token;
    const response = await request.get("/api/v1/subscriptions", { headers: bearer(refreshOnly) });
    await expectInsufficientPermission(response, "subscriptions:execute");
  });
});
