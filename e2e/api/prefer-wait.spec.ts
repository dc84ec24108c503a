import type { ChildProcess } from "node:child_process";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { db } from "../../lib/db/client";
import { runs } from "../../lib/db/schema";
import { tryLockRun, type RunLock } from "../../lib/runs/lifecycle-lock";
import { makeSemanticModel, makeSubscription, makeToken } from "../support/fixtures";
import { bearer } from "../support/problems";
import { startSecondServer } from "../support/second-server";

// The released run is queued again by the worker's reconciler (every 15 s) and then takes well under a second; a
// wait of 50 s that ends before 45 s was ended by the worker's announcement.
const WAKE_BEFORE_MS = 45_000;

let token: string;
test.beforeAll(async () => {
  token = (await makeToken()).token;
});

const post = (request: APIRequestContext, path: string, prefer?: string) =>
  request.post(path, { headers: { ...bearer(token), ...(prefer ? { Prefer: prefer } : {}) } });

/** A queued refresh that no worker can take while the test holds its run lock. */
async function heldQueuedRefresh(): Promise<{ modelId: string; runId: string; lock: RunLock }> {
  const model = await makeSemanticModel();
  const [run] = await db
    .insert(runs)
    .values({ kind: "semantic-model-refresh", semanticModelId: model.id, trigger: "console" })
    .returning();
  const lock = await tryLockRun(run.id);
  if (!lock) throw new Error("run lock taken");
  return { modelId: model.id, runId: run.id, lock };
}

test.describe("Prefer: wait=N, the run finishes in time → 200 + Preference-Applied", () => {
  test("a refresh trigger answers with the finished run", async ({ request }) => {
    const model = await makeSemanticModel();
    const response = await post(request, `/api/v1/semantic-models/${model.id}/refreshes`, "wait=30");
    expect(response.status()).toBe(200);
    expect(response.headers()["preference-applied"]).toBe("wait=30");
    const run = await response.json();
    expect(run).toMatchObject({ kind: "semantic-model-refresh", status: "succeeded", semanticModelId: model.id });
    expect(response.headers()["location"]).toBe(`/api/v1/runs/${run.id}`);
  });

  test("a subscription trigger answers once the e-mails are sent", async ({ request }) => {
    const subscription = await makeSubscription();
    const response = await post(request, `/api/v1/subscriptions/${subscription.id}/runs`, "respond-async, wait=45");
    expect(response.status()).toBe(200);
    expect(response.headers()["preference-applied"]).toBe("wait=45");
    expect(await response.json()).toMatchObject({ status: "succeeded", result: { recipients: 3, delivered: 3 } });
  });

  test("GET of a run wakes when the run finishes during the wait", async ({ request }) => {
    const { runId, lock } = await heldQueuedRefresh();
    const waitStarted = Date.now();
    const waiting = request.get(`/api/v1/runs/${runId}`, { headers: { ...bearer(token), Prefer: "wait=50" } });
    // Let the worker have it: the answer comes from the worker's announcement, not from the end of the wait.
    await lock.release();
    const response = await waiting;
    // Woken by the announcement, not by the end of the wait (after which a plain re-read would also say 200).
    expect(Date.now() - waitStarted).toBeLessThan(WAKE_BEFORE_MS);
    expect(response.status()).toBe(200);
    expect(response.headers()["preference-applied"]).toBe("wait=50");
    expect(await response.json()).toMatchObject({ id: runId, status: "succeeded" });
  });
});

test.describe("Prefer: wait with several web instances", () => {
  // Ports +1 and +2 belong to the security and Postgres-outage specs.
  const port = Number(process.env.PORT ?? 3100) + 3;
  let server: ChildProcess | undefined;
  test.afterAll(() => {
    server?.kill("SIGTERM");
  });

  test("a request waiting on another instance hears the worker's announcement", async ({ request }) => {
    server = await startSecondServer(port, {});
    const { runId, lock } = await heldQueuedRefresh();
    const waitStarted = Date.now();
    const waiting = request.get(`http://127.0.0.1:${port}/api/v1/runs/${runId}`, {
      headers: { ...bearer(token), Prefer: "wait=50" },
    });
    await lock.release();
    const response = await waiting;
    // Woken by the announcement, not by the end of the wait (after which a plain re-read would also say 200).
    expect(Date.now() - waitStarted).toBeLessThan(WAKE_BEFORE_MS);
    expect(response.status()).toBe(200);
    expect(response.headers()["preference-applied"]).toBe("wait=50");
    expect(await response.json()).toMatchObject({ id: runId, status: "succeeded" });
  });
});

test.describe("Prefer: wait=N, not finished in time → today's answer", () => {
  test("a trigger answers 202 with the queued run and no Preference-Applied", async ({ request }) => {
    const { modelId, runId, lock } = await heldQueuedRefresh();
    try {
      const response = await post(request, `/api/v1/semantic-models/${modelId}/refreshes`, "wait=1");
      expect(response.status()).toBe(202);
      expect(response.headers()["preference-applied"]).toBeUndefined();
      expect(await response.json()).toMatchObject({ id: runId, status: "queued" });

      const get = await request.get(`/api/v1/runs/${runId}`, { headers: { ...bearer(token), Prefer: "wait=1" } });
      expect(get.status()).toBe(200);
      expect(get.headers()["preference-applied"]).toBeUndefined();
      expect(await get.json()).toMatchObject({ id: runId, status: "queued" });
    } finally {
      await lock.release();
    }
  });

  // RFC 7240: a preference the server cannot honour is ignored (not clamped); the answer is as without it.
  for (const prefer of ["wait=0", "wait=999", "wait=-5", "wait=soon", "wait", "wait=1.5"]) {
    test(`Prefer: ${prefer} is ignored`, async ({ request }) => {
      const { modelId, runId, lock } = await heldQueuedRefresh();
      try {
        const response = await post(request, `/api/v1/semantic-models/${modelId}/refreshes`, prefer);
        expect(response.status()).toBe(202);
        expect(response.headers()["preference-applied"]).toBeUndefined();
        expect(await response.json()).toMatchObject({ id: runId, status: "queued" });
      } finally {
        await lock.release();
      }
    });
  }
});

test("the OpenAPI document describes Prefer: wait and the webhook payloads", async ({ request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  for (const [path, method] of [
    ["/api/v1/subscriptions/{id}/runs", "post"],
    ["/api/v1/semantic-models/{id}/refreshes", "post"],
    ["/api/v1/runs/{id}", "get"],
  ]) {
    const operation = doc.paths[path][method];
    expect(operation.parameters.map((p: { name: string }) => p.name)).toContain("Prefer");
    expect(operation.responses["200"].headers).toHaveProperty("Preference-Applied");
  }
  expect(Object.keys(doc.webhooks)).toEqual(["run.succeeded", "run.failed", "token.expiring", "webhook.test"]);
  const succeeded = doc.webhooks["run.succeeded"].post;
  expect(succeeded.parameters.map((p: { name: string }) => p.name)).toEqual([
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
  ]);
  expect(doc.components.schemas.RunSucceededEvent.properties.data).toEqual({ $ref: "#/components/schemas/Run" });
});
