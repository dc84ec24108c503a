import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { bearer } from "../support/problems";
import { makeSemanticModel, makeToken } from "../support/fixtures";
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

// POST and GET /api/v1/semantic-models/{id}/refreshes — one describe per status each can answer, with the exact
// body (429 and 503: rate-limits and database-unavailable specs; what a refresh does: semantic-refreshes.spec.ts).
let token: string;
test.beforeAll(async () => {
  token = (await makeToken({ permissions: ["semantic-models:refresh"] })).token;
});

const refresh = (
  request: APIRequestContext,
  id: string,
  options: { headers?: Record<string, string>; data?: unknown } = {},
) =>
  request.post(`/api/v1/semantic-models/${id}/refreshes`, {
    headers: { ...bearer(token), ...options.headers },
    data: options.data,
  });

const history = (request: APIRequestContext, id: string, query = "") =>
  request.get(`/api/v1/semantic-models/${id}/refreshes${query}`, { headers: bearer(token) });

/** A finished refresh written straight to the database: the worker has nothing to do with it. */
async function finishedRefresh(semanticModelId: string) {
  const [run] = await db
    .insert(runs)
    .values({
      kind: "semantic-model-refresh",
      semanticModelId,
      trigger: "console",
      status: "failed",
      startedAt: new Date(Date.now() - 2_000),
      finishedAt: new Date(Date.now() - 1_000),
      attempts: 1,
      error: { message: 'relation "gone" does not exist' },
    })
    .returning();
  if (!run) throw new Error("no run row returned");
  return run;
}

test.describe("POST /api/v1/semantic-models/{id}/refreshes → 202", () => {
  test("answers the queued refresh and where to poll it", async ({ request }) => {
    const model = await makeSemanticModel();
    const response = await refresh(request, model.id);
    expect(response.status()).toBe(202);
    const run = await response.json();
    expect(run).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: "semantic-model-refresh",
      status: "queued",
      semanticModelId: model.id,
      trigger: "api",
      createdAt: expect.any(String),
      startedAt: null,
      finishedAt: null,
      attempts: 0,
      error: null,
      result: null,
    });
    expect(response.headers()["location"]).toBe(`/api/v1/runs/${run.id}`);
  });

  test("accepts an empty JSON object as the body", async ({ request }) => {
    const model = await makeSemanticModel();
    expect((await refresh(request, model.id, { data: {} })).status()).toBe(202);
  });
});

test.describe("POST /api/v1/semantic-models/{id}/refreshes → 400", () => {
  // Bodies that must reach the server byte for byte are Buffers: Playwright JSON-encodes a string that does not parse.
  const cases: [string, { headers?: Record<string, string>; data?: unknown }, string][] = [
    ["a body with a field", { data: { full: true } }, 'body: Unrecognized key: "full"'],
    [
      "malformed JSON",
      { headers: { "Content-Type": "application/json" }, data: Buffer.from("{not json") },
      "The body is not valid JSON.",
    ],
    [
      "a JSON string",
      { headers: { "Content-Type": "application/json" }, data: Buffer.from('"refresh"') },
      "body: Invalid input: expected object, received string",
    ],
    [
      "an empty Idempotency-Key",
      { headers: { "Idempotency-Key": "" } },
      "Idempotency-Key must be 1 to 255 visible ASCII characters.",
    ],
    [
      "an Idempotency-Key over 255 chars",
      { headers: { "Idempotency-Key": "k".repeat(256) } },
      "Idempotency-Key must be 1 to 255 visible ASCII characters.",
    ],
  ];
  for (const [label, options, detail] of cases) {
    test(`refuses ${label} and starts nothing`, async ({ request }) => {
      const model = await makeSemanticModel();
      await expectProblemBody(await refresh(request, model.id, options), problem("invalid_request", detail));
      expect((await (await history(request, model.id)).json()).data).toEqual([]);
    });
  }
});

test.describe("POST /api/v1/semantic-models/{id}/refreshes → 401", () => {
  for (const [label, headers] of BAD_CREDENTIALS) {
    test(`refuses ${label}`, async ({ request }) => {
      const model = await makeSemanticModel();
      const response = await request.post(`/api/v1/semantic-models/${model.id}/refreshes`, {
        headers: await headers(),
      });
      await expectInvalidToken(response);
    });
  }
});

test.describe("POST /api/v1/semantic-models/{id}/refreshes → 403", () => {
  test("refuses a token that may only execute subscriptions", async ({ request }) => {
    const model = await makeSemanticModel();
    const subscriptionsOnly = (await makeToken({ permissions: ["subscriptions:execute"] })).token;
    const response = await request.post(`/api/v1/semantic-models/${model.id}/refreshes`, {
      headers: bearer(subscriptionsOnly),
    });
    await expectInsufficientPermission(response, "semantic-models:refresh");
  });
});

test.describe("POST /api/v1/semantic-models/{id}/refreshes → 404", () => {
  for (const id of [UNKNOWN_ID, ...NOT_UUIDS]) {
    test(`refuses the id ${id}`, async ({ request }) => {
      await expectProblemBody(await refresh(request, id), problem("not_found", "No resource with this id."));
    });
  }
});

test.describe("POST /api/v1/semantic-models/{id}/refreshes → 413", () => {
  test("refuses a body over 64 KiB", async ({ request }) => {
    const model = await makeSemanticModel();
    const response = await refresh(request, model.id, {
      headers: { "Content-Type": "application/json" },
      data: JSON.stringify({ pad: "x".repeat(70_000) }),
    });
    await expectProblemBody(response, problem("payload_too_large", "The body must be at most 65536 bytes."));
  });
});

test.describe("POST /api/v1/semantic-models/{id}/refreshes → 422", () => {
  test("refuses an Idempotency-Key reused for another model", async ({ request }) => {
    const [first, second] = [await makeSemanticModel(), await makeSemanticModel()];
    const headers = { "Idempotency-Key": randomUUID() };
    expect((await refresh(request, first.id, { headers })).status()).toBe(202);
    await expectProblemBody(
      await refresh(request, second.id, { headers }),
      problem("idempotency_conflict", "This Idempotency-Key was already used with a different request."),
    );
    expect((await (await history(request, second.id)).json()).data).toEqual([]);
  });
});

test.describe("GET /api/v1/semantic-models/{id}/refreshes → 200", () => {
  test("lists the model's refreshes, newest first, one page at a time", async ({ request }) => {
    const model = await makeSemanticModel();
    const older = await finishedRefresh(model.id);
    const newer = await finishedRefresh(model.id);

    const first = await history(request, model.id, "?limit=1");
    expect(first.status()).toBe(200);
    const page1 = await first.json();
    expect(page1).toEqual({
      data: [
        {
          id: newer.id,
          kind: "semantic-model-refresh",
          status: "failed",
          semanticModelId: model.id,
          trigger: "console",
          createdAt: newer.createdAt.toISOString(),
          startedAt: newer.startedAt?.toISOString(),
          finishedAt: newer.finishedAt?.toISOString(),
          attempts: 1,
          error: { message: 'relation "gone" does not exist' },
          result: null,
        },
      ],
      nextCursor: expect.any(String),
    });
    const page2 = await (await history(request, model.id, `?limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2).toMatchObject({ data: [{ id: older.id }], nextCursor: null });
  });

  test("answers an empty page for a model never refreshed", async ({ request }) => {
    const model = await makeSemanticModel();
    const response = await history(request, model.id);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ data: [], nextCursor: null });
  });
});

test.describe("GET /api/v1/semantic-models/{id}/refreshes → 400", () => {
  for (const [query, detail] of BAD_PAGE_QUERIES) {
    test(`refuses ?${query.slice(0, 40)}`, async ({ request }) => {
      const model = await makeSemanticModel();
      await expectProblemBody(await history(request, model.id, `?${query}`), problem("invalid_request", detail));
    });
  }
});

test.describe("GET /api/v1/semantic-models/{id}/refreshes → 401", () => {
  for (const [label, headers] of BAD_CREDENTIALS) {
    test(`refuses ${label}`, async ({ request }) => {
      const model = await makeSemanticModel();
      const response = await request.get(`/api/v1/semantic-models/${model.id}/refreshes`, {
        headers: await headers(),
      });
      await expectInvalidToken(response);
    });
  }
});

test.describe("GET /api/v1/semantic-models/{id}/refreshes → 403", () => {
  test("refuses a token that may only execute subscriptions", async ({ request }) => {
    const model = await makeSemanticModel();
    const subscriptionsOnly = (await makeToken({ permissions: ["subscriptions:execute"] })).token;
    const response = await request.get(`/api/v1/semantic-models/${model.id}/refreshes`, {
      headers: bearer(subscriptionsOnly),
    });
    await expectInsufficientPermission(response, "semantic-models:refresh");
  });
});

test.describe("GET /api/v1/semantic-models/{id}/refreshes → 404", () => {
  test("refuses an unknown id", async ({ request }) => {
    await expectProblemBody(
      await history(request, UNKNOWN_ID),
      problem("not_found", "No semantic model with this id."),
    );
  });

  for (const id of NOT_UUIDS) {
    test(`refuses the id ${id}`, async ({ request }) => {
      await expectProblemBody(await history(request, id), problem("not_found", "No resource with this id."));
    });
  }
});
