import { expect, test } from "@playwright/test";
import { bearer } from "../support/problems";
import { makeSemanticModel, makeSubscription, makeToken } from "../support/fixtures";
import { BAD_CREDENTIALS } from "../support/api-routes";
import { expectInvalidToken, expectProblemBody, NOT_UUIDS, problem, UNKNOWN_ID } from "../support/problem-bodies";
import { db } from "../../lib/db/client";
import { runs } from "../../lib/db/schema";

// GET /api/v1/runs/{id} — one describe per status it can answer (429 and 503: rate-limits and
// database-unavailable specs). Runs are written straight to the database, finished, so the worker leaves them be.
const getRun = (request: import("@playwright/test").APIRequestContext, id: string, token: string) =>
  request.get(`/api/v1/runs/${id}`, { headers: bearer(token) });

async function subscriptionRun() {
  const subscription = await makeSubscription();
  const [run] = await db
    .insert(runs)
    .values({
      kind: "subscription",
      subscriptionId: subscription.id,
      trigger: "api",
      status: "succeeded",
      startedAt: new Date(Date.now() - 2_000),
      finishedAt: new Date(Date.now() - 1_000),
      attempts: 2,
      result: { recipients: 2, delivered: 2, failed: 0, format: "pdf", bytes: 4096 },
    })
    .returning();
  if (!run) throw new Error("no run row returned");
  return run;
}

async function refreshRun() {
  const model = await makeSemanticModel();
  const [run] = await db
    .insert(runs)
    .values({
      kind: "semantic-model-refresh",
      semanticModelId: model.id,
      trigger: "schedule",
      status: "succeeded",
      startedAt: new Date(Date.now() - 2_000),
      finishedAt: new Date(Date.now() - 1_000),
      attempts: 1,
      result: { values: 7, added: 2, removed: 1 },
    })
    .returning();
  if (!run) throw new Error("no run row returned");
  return run;
}

test.describe("GET /api/v1/runs/{id} → 200", () => {
  test("shows a subscription run to a token that may execute subscriptions", async ({ request }) => {
    const run = await subscriptionRun();
    const { token } = await makeToken({ permissions: ["subscriptions:execute"] });
    const response = await getRun(request, run.id, token);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.json()).toEqual({
      id: run.id,
      kind: "subscription",
      status: "succeeded",
      subscriptionId: run.subscriptionId,
      trigger: "api",
      createdAt: run.createdAt.toISOString(),
      startedAt: run.startedAt?.toISOString(),
      finishedAt: run.finishedAt?.toISOString(),
      attempts: 2,
      error: null,
      result: { recipients: 2, delivered: 2, failed: 0, format: "pdf", bytes: 4096 },
    });
  });

  test("shows a refresh to a token that may refresh models", async ({ request }) => {
    const run = await refreshRun();
    const { token } = await makeToken({ permissions: ["semantic-models:refresh"] });
    const response = await getRun(request, run.id, token);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({
      id: run.id,
      kind: "semantic-model-refresh",
      status: "succeeded",
      semanticModelId: run.semanticModelId,
      trigger: "schedule",
      createdAt: run.createdAt.toISOString(),
      startedAt: run.startedAt?.toISOString(),
      finishedAt: run.finishedAt?.toISOString(),
      attempts: 1,
      error: null,
      result: { values: 7, added: 2, removed: 1 },
    });
  });

  test("accepts an upper-case id", async ({ request }) => {
    const run = await subscriptionRun();
    const { token } = await makeToken({ permissions: ["subscriptions:execute"] });
    const response = await getRun(request, run.id.toUpperCase(), token);
    expect(response.status()).toBe(200);
    expect((await response.json()).id).toBe(run.id);
  });
});

test.describe("GET /api/v1/runs/{id} → 401", () => {
  for (const [label, headers] of BAD_CREDENTIALS) {
    test(`refuses ${label}`, async ({ request }) => {
      const run = await subscriptionRun();
      await expectInvalidToken(await request.get(`/api/v1/runs/${run.id}`, { headers: await headers() }));
    });
  }
});

test.describe("GET /api/v1/runs/{id} → 404", () => {
  test("refuses an unknown id", async ({ request }) => {
    const { token } = await makeToken();
    await expectProblemBody(await getRun(request, UNKNOWN_ID, token), problem("not_found", "No run with this id."));
  });

  // A run of the kind the token may not see answers exactly as an unknown id: the token learns nothing of it.
  test("refuses a subscription run to a token that may only refresh models, as an unknown id", async ({ request }) => {
    const run = await subscriptionRun();
    const { token } = await makeToken({ permissions: ["semantic-models:refresh"] });
    await expectProblemBody(await getRun(request, run.id, token), problem("not_found", "No run with this id."));
  });

  test("refuses a refresh to a token that may only execute subscriptions, as an unknown id", async ({ request }) => {
    const run = await refreshRun();
    const { token } = await makeToken({ permissions: ["subscriptions:execute"] });
    await expectProblemBody(await getRun(request, run.id, token), problem("not_found", "No run with this id."));
  });

  for (const id of NOT_UUIDS) {
    test(`refuses the id ${id}`, async ({ request }) => {
      const { token } = await makeToken();
      await expectProblemBody(await getRun(request, id, token), problem("not_found", "No resource with this id."));
    });
  }
});
