import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { bearer, expectProblem, INVALID_TOKEN_BODY } from "../support/problems";
import { makeSemanticModel, makeToken } from "../support/fixtures";
import { addWarehouseOwner } from "../support/warehouse";
import { waitForRun } from "../support/runs";
import { db } from "../../lib/db/client";
import { runs, semanticModels } from "../../lib/db/schema";
import { eq } from "drizzle-orm";
import { firstRow } from "../../lib/db/first-row";

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
let token: string;
test.beforeAll(async () => {
  token = (await makeToken({ permissions: ["semantic-models:refresh"] })).token;
});

const refresh = (
  request: import("@playwright/test").APIRequestContext,
  id: string,
  headers: Record<string, string> = {},
) => request.post(`/api/v1/semantic-models/${id}/refreshes`, { headers: { ...bearer(token), ...headers } });

async function refreshAndWait(request: import("@playwright/test").APIRequestContext, id: string) {
  const response = await refresh(request, id);
  expect(response.status()).toBe(202);
  return waitForRun(request, token, (await response.json()).id);
}

test.describe("POST /api/v1/semantic-models/{id}/refreshes → 202", () => {
  test("re-reads the source: a new owner becomes a new value", async ({ request }) => {
    const model = await makeSemanticModel();
    const before = await refreshAndWait(request, model.id);
    expect(before).toMatchObject({
      status: "succeeded",
      kind: "semantic-model-refresh",
      semanticModelId: model.id,
      trigger: "api",
    });

    const name = `Owner ${randomUUID().slice(0, 8)}`;
    await addWarehouseOwner(name);
    const after = await refreshAndWait(request, model.id);
    expect(after.result).toMatchObject({ added: 1, removed: 0 });
    expect((after.result as { values: number }).values).toBe((before.result as { values: number }).values + 1);

    const list = await (await request.get("/api/v1/semantic-models?limit=100", { headers: bearer(token) })).json();
    const listed = list.data.find((m: { id: string }) => m.id === model.id);
    expect(listed).toMatchObject({
      valuesCount: (after.result as { values: number }).values,
      refresh: { frequency: "manual" },
    });
    expect(listed.lastRefreshedAt).not.toBeNull();

    const history = await (
      await request.get(`/api/v1/semantic-models/${model.id}/refreshes`, { headers: bearer(token) })
    ).json();
    expect(history.data.map((r: { id: string }) => r.id)).toEqual([after.id, before.id]);
  });

  test("a trigger while a refresh is still queued returns that queued run", async ({ request }) => {
    const model = await makeSemanticModel();
    // A queued run the worker has not been handed yet (as while Redis is away or the queue is busy).
    const queued = firstRow(
      await db
        .insert(runs)
        .values({ kind: "semantic-model-refresh", semanticModelId: model.id, trigger: "console" })
        .returning(),
    );
    const [first, second] = await Promise.all([refresh(request, model.id), refresh(request, model.id)]);
    expect(first.status()).toBe(202);
    expect(second.status()).toBe(202);
    expect((await first.json()).id).toBe(queued.id);
    expect((await second.json()).id).toBe(queued.id);
    // The reconciler hands the orphaned run to the worker.
    expect((await waitForRun(request, token, queued.id)).status).toBe("succeeded");
  });

  test("a failing source query fails the run with the database's message and keeps the old values", async ({
    request,
  }) => {
    const model = await makeSemanticModel();
    const good = await refreshAndWait(request, model.id);
    await db
      .update(semanticModels)
      .set({ sourceQuery: "select id, name from no_such_table" })
      .where(eq(semanticModels.id, model.id));
    const failed = await refreshAndWait(request, model.id);
    expect(failed.status).toBe("failed");
    expect((failed.error as { message: string }).message).toContain("no_such_table");
    const after = firstRow(await db.select().from(semanticModels).where(eq(semanticModels.id, model.id)));
    expect(after.valuesCount).toBe((good.result as { values: number }).values);
  });

  test("an Idempotency-Key replay returns the same run", async ({ request }) => {
    const model = await makeSemanticModel();
    const headers = { "Idempotency-Key": randomUUID() };
    const first = await (await refresh(request, model.id, headers)).json();
    await waitForRun(request, token, first.id);
    const replay = await refresh(request, model.id, headers);
    expect(replay.status()).toBe(202);
    expect((await replay.json()).id).toBe(first.id);
  });
});

test.describe("POST /api/v1/semantic-models/{id}/refreshes → 4xx", () => {
  test("400: a body with fields", async ({ request }) => {
    const model = await makeSemanticModel();
    const response = await request.post(`/api/v1/semantic-models/${model.id}/refreshes`, {
      headers: bearer(token),
      data: { full: true },
    });
    await expectProblem(response, 400, "invalid_request");
  });

  test("401: a revoked token", async ({ request }) => {
    const model = await makeSemanticModel();
    const revoked = (await makeToken({ permissions: ["semantic-models:refresh"], revoked: true })).token;
    const response = await request.post(`/api/v1/semantic-models/${model.id}/refreshes`, { headers: bearer(revoked) });
    expect(await expectProblem(response, 401, "invalid_token")).toEqual(INVALID_TOKEN_BODY);
  });

  test("403: a token that may only execute subscriptions", async ({ request }) => {
    const model = await makeSemanticModel();
    const subscriptionsOnly = (await makeToken({ permissions: ["subscriptions:execute"] })).token;
    for (const response of [
      await request.post(`/api/v1/semantic-models/${model.id}/refreshes`, { headers: bearer(subscriptionsOnly) }),
      await request.get("/api/v1/semantic-models", { headers: bearer(subscriptionsOnly) }),
    ]) {
      await expectProblem(response, 403, "insufficient_permission");
    }
  });

  test("404: unknown and non-UUID ids", async ({ request }) => {
    await expectProblem(await refresh(request, UNKNOWN_ID), 404, "not_found");
    await expectProblem(await refresh(request, "abc"), 404, "not_found");
    await expectProblem(
      await request.get(`/api/v1/semantic-models/${UNKNOWN_ID}/refreshes`, { headers: bearer(token) }),
      404,
      "not_found",
    );
  });
});
