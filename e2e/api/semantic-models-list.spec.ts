import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { bearer } from "../support/problems";
import { makeSemanticModel, makeToken } from "../support/fixtures";
import { BAD_CREDENTIALS } from "../support/api-routes";
import {
  BAD_PAGE_QUERIES,
  expectInsufficientPermission,
  expectInvalidToken,
  expectProblemBody,
  problem,
} from "../support/problem-bodies";
import { db } from "../../lib/db/client";
import { semanticModels } from "../../lib/db/schema";

// GET /api/v1/semantic-models — one describe per status it can answer (429 and 503: rate-limits and
// database-unavailable specs).
let token: string;
test.beforeAll(async () => {
  token = (await makeToken({ permissions: ["semantic-models:refresh"] })).token;
});

const list = (request: import("@playwright/test").APIRequestContext, query = "") =>
  request.get(`/api/v1/semantic-models${query}`, { headers: bearer(token) });

test.describe("GET /api/v1/semantic-models → 200", () => {
  test("lists a model with exactly the documented fields", async ({ request }) => {
    const model = await makeSemanticModel();
    const response = await list(request, "?limit=100");
    expect(response.status()).toBe(200);
    const page = await response.json();
    expect(Object.keys(page).sort()).toEqual(["data", "nextCursor"]);
    expect(page.data.find((m: { id: string }) => m.id === model.id)).toEqual({
      id: model.id,
      name: model.name,
      refresh: { frequency: "manual" },
      lastRefreshedAt: null,
      valuesCount: 0,
    });
  });

  test("shows a refresh schedule's time and zone", async ({ request }) => {
    const model = await makeSemanticModel();
    await db
      .update(semanticModels)
      .set({ refreshFrequency: "daily", refreshTime: "05:30", refreshTimeZone: "America/New_York" })
      .where(eq(semanticModels.id, model.id));
    const page = await (await list(request, "?limit=100")).json();
    expect(page.data.find((m: { id: string }) => m.id === model.id)?.refresh).toEqual({
      frequency: "daily",
      time: "05:30",
      timeZone: "America/New_York",
    });
  });

  test("pages newest first: each page's cursor leads to the next, without repeats", async ({ request }) => {
    const [older, newer] = [await makeSemanticModel(), await makeSemanticModel()];
    const first = await (await list(request, "?limit=1")).json();
    expect(first.data.map((m: { id: string }) => m.id)).toEqual([newer.id]);
    expect(typeof first.nextCursor).toBe("string");
    const second = await (await list(request, `?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.data.map((m: { id: string }) => m.id)).toEqual([older.id]);
  });
});

test.describe("GET /api/v1/semantic-models → 400", () => {
  for (const [query, detail] of BAD_PAGE_QUERIES) {
    test(`refuses ?${query.slice(0, 40)}`, async ({ request }) => {
      await expectProblemBody(await list(request, `?${query}`), problem("invalid_request", detail));
    });
  }
});

test.describe("GET /api/v1/semantic-models → 401", () => {
  for (const [label, headers] of BAD_CREDENTIALS) {
    test(`refuses ${label}`, async ({ request }) => {
      await expectInvalidToken(await request.get("/api/v1/semantic-models", { headers: await headers() }));
    });
  }
});

test.describe("GET /api/v1/semantic-models → 403", () => {
  test("refuses a token that may only execute subscriptions", async ({ request }) => {
    const subscriptionsOnly = (await makeToken({ permissions: ["subscriptions:execute"] })).token;
    const response = await request.get("/api/v1/semantic-models", { headers: bearer(subscriptionsOnly) });
    await expectInsufficientPermission(response, "semantic-models:refresh");
  });
});
