import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { bearer } from "../support/problems";
import { makeSubscription, makeToken } from "../support/fixtures";
import { BAD_CREDENTIALS } from "../support/api-routes";
import {
  BAD_PAGE_QUERIES,
  expectInsufficientPermission,
  expectInvalidToken,
  expectProblemBody,
  NOT_UUIDS,
  problem,
  UNKNOWN_ID,
} from "../support/problem-bodies";
import { db } from "../../lib/db/client";
import { runs } from "../../lib/db/schema";

// POST and GET /api/v1/subscriptions/{id}/runs — one describe per status each can answer, with the exact body
// (429 and 503: rate-limits and database-unavailable specs; what a run delivers: subscription-runs.spec.ts).
let token: string;
test.beforeAll(async () => {
  token = (await makeToken({ permissions: ["subscriptions:execute"] })).token;
});

const trigger = (
  request: APIRequestContext,
  id: string,
  options: { headers?: Record<string, string>; data?: unknown } = {},
) =>
  request.post(`/api/v1/subscriptions/${id}/runs`, {
    headers: { ...bearer(token), ...options.headers },
    data: options.data,
  });

const history = (request: APIRequestContext, id: string, query = "") =>
  request.get(`/api/v1/subscriptions/${id}/runs${query}`, { headers: bearer(token) });

/** A finished run written straight to the database: the worker has nothing to do with it. */
async function finishedRun(subscriptionId: string) {
  const [run] = await db
    .insert(runs)
    .values({
      kind: "subscription",
      subscriptionId,
      trigger: "schedule",
      status: "succeeded",
      startedAt: new Date(Date.now() - 2_000),
      finishedAt: new Date(Date.now() - 1_000),
      attempts: 1,
      result: { recipients: 3, delivered: 3, failed: 0, format: "csv", bytes: 321 },
    })
    .returning();
  if (!run) throw new Error("no run row returned");
  return run;
}

test.describe("POST /api/v1/subscriptions/{id}/runs → 202", () => {
  test("answers the queued run and where to poll it", async ({ request }) => {
    const subscription = await makeSubscription();
    const response = await trigger(request, subscription.id);
    expect(response.status()).toBe(202);
    const run = await response.json();
    expect(run).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: "subscription",
      status: "queued",
      subscriptionId: subscription.id,
      trigger: "api",
      createdAt: expect.any(String),
      startedAt: null,
      finishedAt: null,
      attempts: 0,
      error: null,
      result: null,
    });
    expect(new Date(run.createdAt).toISOString()).toBe(run.createdAt);
    expect(response.headers()["location"]).toBe(`/api/v1/runs/${run.id}`);
  });
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 400", () => {
  // Bodies that must reach the server byte for byte are Buffers: Playwright JSON-encodes a string that does not parse.
  const cases: [string, { headers?: Record<string, string>; data?: unknown }, string][] = [
    ["a body with a field", { data: { recipients: ["x@example.com"] } }, 'body: Unrecognized key: "recipients"'],
    ["a body with two fields", { data: { a: 1, b: 2 } }, 'body: Unrecognized keys: "a", "b"'],
    [
      "malformed JSON",
      { headers: { "Content-Type": "application/json" }, data: Buffer.from("{not json") },
      "The body is not valid JSON.",
    ],
    ["a JSON array", { data: [] }, "body: Invalid input: expected object, received array"],
    [
      "JSON null",
      { headers: { "Content-Type": "application/json" }, data: Buffer.from("null") },
      "body: Invalid input: expected object, received null",
    ],
    [
      "an Idempotency-Key over 255 chars",
      { headers: { "Idempotency-Key": "k".repeat(256) } },
      "Idempotency-Key must be 1 to 255 visible ASCII characters.",
    ],
    [
      "an Idempotency-Key with a space",
      { headers: { "Idempotency-Key": "two words" } },
      "Idempotency-Key must be 1 to 255 visible ASCII characters.",
    ],
  ];
  for (const [label, options, detail] of cases) {
    test(`refuses ${label} and starts nothing`, async ({ request }) => {
      const subscription = await makeSubscription();
      await expectProblemBody(await trigger(request, subscription.id, options), problem("invalid_request", detail));
      expect((await (await history(request, subscription.id)).json()).data).toEqual([]);
    });
  }
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 401", () => {
  for (const [label, headers] of BAD_CREDENTIALS) {
    test(`refuses ${label}`, async ({ request }) => {
      const subscription = await makeSubscription();
      const response = await request.post(`/api/v1/subscriptions/${subscription.id}/runs`, {
        headers: await headers(),
      });
      await expectInvalidToken(response);
    });
  }
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 403", () => {
  test("refuses a token that may only refresh models", async ({ request }) => {
    const subscription = await makeSubscription();
    const refreshOnly = (await makeToken({ permissions: ["semantic-models:refresh"] })).token;
    const response = await request.post(`/api/v1/subscriptions/${subscription.id}/runs`, {
      headers: bearer(refreshOnly),
    });
    await expectInsufficientPermission(response, "subscriptions:execute");
  });
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 404", () => {
  for (const id of [UNKNOWN_ID, ...NOT_UUIDS]) {
    test(`refuses the id ${id}`, async ({ request }) => {
      await expectProblemBody(await trigger(request, id), problem("not_found", "No resource with this id."));
    });
  }
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 409", () => {
  test("refuses a paused subscription and starts nothing", async ({ request }) => {
    const subscription = await makeSubscription();
    const { setSubscriptionStatus } = await import("../../lib/subscriptions/repository");
    const { systemActor } = await import("../../lib/audit/record");
    await setSubscriptionStatus(subscription.id, "paused", systemActor("test fixture"));
    await expectProblemBody(
      await trigger(request, subscription.id),
      problem("subscription_paused", "The subscription is paused; resume it to run it."),
    );
    expect((await (await history(request, subscription.id)).json()).data).toEqual([]);
  });
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 413", () => {
  test("refuses a body over 64 KiB", async ({ request }) => {
    const subscription = await makeSubscription();
    const response = await trigger(request, subscription.id, {
      headers: { "Content-Type": "application/json" },
      data: JSON.stringify({ pad: "x".repeat(70_000) }),
    });
    await expectProblemBody(response, problem("payload_too_large", "The body must be at most 65536 bytes."));
  });
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 422", () => {
  test("refuses an Idempotency-Key reused for another subscription", async ({ request }) => {
    const [first, second] = [await makeSubscription(), await makeSubscription()];
    const headers = { "Idempotency-Key": randomUUID() };
    expect((await trigger(request, first.id, { headers })).status()).toBe(202);
    await expectProblemBody(
      await trigger(request, second.id, { headers }),
      problem("idempotency_conflict", "This Idempotency-Key was already used with a different request."),
    );
    expect((await (await history(request, second.id)).json()).data).toEqual([]);
  });
});

test.describe("GET /api/v1/subscriptions/{id}/runs → 200", () => {
  test("lists the subscription's runs, newest first, one page at a time", async ({ request }) => {
    const subscription = await makeSubscription();
    const older = await finishedRun(subscription.id);
    const newer = await finishedRun(subscription.id);

    const first = await history(request, subscription.id, "?limit=1");
    expect(first.status()).toBe(200);
    const page1 = await first.json();
    expect(page1).toEqual({
      data: [
        {
          id: newer.id,
          kind: "subscription",
          status: "succeeded",
          subscriptionId: subscription.id,
          trigger: "schedule",
          createdAt: newer.createdAt.toISOString(),
          startedAt: newer.startedAt?.toISOString(),
          finishedAt: newer.finishedAt?.toISOString(),
          attempts: 1,
          error: null,
          result: { recipients: 3, delivered: 3, failed: 0, format: "csv", bytes: 321 },
        },
      ],
      nextCursor: expect.any(String),
    });
    const page2 = await (await history(request, subscription.id, `?limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2.data.map((run: { id: string }) => run.id)).toEqual([older.id]);
    expect(page2.nextCursor).toBeNull();
  });

  test("answers an empty page for a subscription that never ran", async ({ request }) => {
    const subscription = await makeSubscription();
    const response = await history(request, subscription.id);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ data: [], nextCursor: null });
  });
});

test.describe("GET /api/v1/subscriptions/{id}/runs → 400", () => {
  for (const [query, detail] of BAD_PAGE_QUERIES) {
    test(`refuses ?${query.slice(0, 40)}`, async ({ request }) => {
      const subscription = await makeSubscription();
      await expectProblemBody(await history(request, subscription.id, `?${query}`), problem("invalid_request", detail));
    });
  }
});

test.describe("GET /api/v1/subscriptions/{id}/runs → 401", () => {
  for (const [label, headers] of BAD_CREDENTIALS) {
    test(`refuses ${label}`, async ({ request }) => {
      const subscription = await makeSubscription();
      const response = await request.get(`/api/v1/subscriptions/${subscription.id}/runs`, {
        headers: await headers(),
      });
      await expectInvalidToken(response);
    });
  }
});

test.describe("GET /api/v1/subscriptions/{id}/runs → 403", () => {
  test("refuses a token that may only refresh models", async ({ request }) => {
    const subscription = await makeSubscription();
    const refreshOnly = (await makeToken({ permissions: ["semantic-models:refresh"] })).token;
    const response = await request.get(`/api/v1/subscriptions/${subscription.id}/runs`, {
      headers: bearer(refreshOnly),
    });
    await expectInsufficientPermission(response, "subscriptions:execute");
  });
});

test.describe("GET /api/v1/subscriptions/{id}/runs → 404", () => {
  test("refuses an unknown id", async ({ request }) => {
    await expectProblemBody(await history(request, UNKNOWN_ID), problem("not_found", "No subscription with this id."));
  });

  for (const id of NOT_UUIDS) {
    test(`refuses the id ${id}`, async ({ request }) => {
      await expectProblemBody(await history(request, id), problem("not_found", "No resource with this id."));
    });
  }
});
