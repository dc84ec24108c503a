import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { apiTokens, auditEvents, users, webhookDeliveries, webhookEndpoints, webhookEvents } from "../../lib/db/schema";
import { startModelRefresh, startSubscriptionRun } from "../../lib/runs/start";
import { queueTokenExpiringEvents } from "../../lib/webhooks/token-events";
import { redeliver, sendTestEvent } from "../../lib/webhooks/repository";
import { closeWebhooksQueue } from "../../lib/webhooks/queue";
import {
  closeTestClients,
  CONSOLE_USER,
  createModel,
  createReport,
  createSubscription,
  waitForRunEnd,
} from "./helpers/fixtures";
import { SmtpSink } from "./helpers/smtp-sink";
import { waitFor } from "./helpers/wait";
import { WebhookReceiver, type ReceivedWebhook } from "./helpers/webhook-receiver";
import { attemptsOf, endpointRow, eventsOf, insertEndpoint } from "./helpers/webhooks";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

const receiver = new WebhookReceiver();
const sink = new SmtpSink();
let receiverUrl: string;
let worker: WorkerProcess;
let expiringTokenId: string;
let tokenEndpoint: { id: string; secret: string };

const headersOf = (request: ReceivedWebhook) => ({
  "webhook-id": String(request.headers["webhook-id"]),
  "webhook-timestamp": String(request.headers["webhook-timestamp"]),
  "webhook-signature": String(request.headers["webhook-signature"]),
});

async function refreshRun(events?: Parameters<typeof insertEndpoint>[1], query = "select id, name from regions") {
  const endpoint = await insertEndpoint(receiverUrl, events);
  const modelId = await createModel({ sourceQuery: query, idColumn: "id", labelColumn: "name" });
  const { run } = await startModelRefresh(modelId, { trigger: "console", userId: CONSOLE_USER });
  return { endpoint, run: await waitForRunEnd(run.id) };
}

async function onlyEventOf(endpointId: string) {
  const [event] = await waitFor("the endpoint's event", async () => {
    const events = await eventsOf(endpointId);
    return events.length > 0 ? events : null;
  });
  return event;
}

beforeAll(async () => {
  receiverUrl = await receiver.start();
  const smtpPort = await sink.start();
  await db
    .insert(users)
    .values({ email: "webhook-admin@sluice.test", name: "Admin", role: "admin", passwordHash: "x" });
  // A token in its last 7 days and an endpoint for token.expiring, before the worker's check at start.
  [{ id: expiringTokenId }] = await db
    .insert(apiTokens)
    .values({
      name: "expiring soon",
      digest: "0".repeat(64),
      hint: "slc_test",
      permissions: ["subscriptions:execute"],
      expiresAt: new Date(Date.now() + 3 * 86_400_000),
    })
    .returning({ id: apiTokens.id });
  tokenEndpoint = await insertEndpoint(receiverUrl, ["token.expiring"]);
  worker = await WorkerProcess.start(
    workerEnv({ WEBHOOK_ALLOW_PRIVATE: "true", SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }),
  );
});

afterAll(async () => {
  await worker?.stop();
  await receiver.stop();
  await sink.stop();
  await closeWebhooksQueue();
  await closeTestClients();
});

beforeEach(() => {
  receiver.reset();
  sink.reset();
});

describe("webhook deliveries", () => {
  it("posts a signed run.succeeded that the standardwebhooks library accepts, and rejects once tampered", async () => {
    const { endpoint, run } = await refreshRun();
    expect(run.status).toBe("succeeded");
    const event = await onlyEventOf(endpoint.id);
    const [request] = await waitFor("the delivery", async () =>
      receiver.withId(event.id).length ? receiver.withId(event.id) : null,
    );

    const body = new Webhook(endpoint.secret).verify(request.body, headersOf(request)) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: "run.succeeded",
      timestamp: run.finishedAt?.toISOString(),
      data: { id: run.id, kind: "semantic-model-refresh", status: "succeeded", result: { values: 4 } },
    });
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(Math.abs(Number(request.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);

    const tampered = request.body.replace('"succeeded"', '"failed"');
    expect(() => new Webhook(endpoint.secret).verify(tampered, headersOf(request))).toThrow();
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(request.body, headersOf(request)),
    ).toThrow();

    await waitFor("the attempt to be recorded", async () => (await attemptsOf(event.id))[0]?.status === "succeeded");
    const [attempt] = await attemptsOf(event.id);
    expect(attempt).toMatchObject({ attempt: 1, status: "succeeded", responseStatus: 200, responseBody: "ok" });
    expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    expect((await eventsOf(endpoint.id))[0].status).toBe("delivered");
  });

  it("sends run.failed for a failed run, and nothing to an endpoint that did not choose it", async () => {
    const onlySucceeded = await insertEndpoint(receiverUrl, ["run.succeeded"]);
    const { endpoint, run } = await refreshRun(["run.failed"], "select id, nope from regions");
    expect(run.status).toBe("failed");
    const event = await onlyEventOf(endpoint.id);
    const [request] = await waitFor("the delivery", async () =>
      receiver.withId(event.id).length ? receiver.withId(event.id) : null,
    );
    expect(new Webhook(endpoint.secret).verify(request.body, headersOf(request))).toMatchObject({
      type: "run.failed",
      data: { id: run.id, status: "failed", error: { message: expect.any(String) } },
    });
    expect(await eventsOf(onlySucceeded.id)).toEqual([]);
  });

  it("sends run.succeeded for a subscription run too", async () => {
    const endpoint = await insertEndpoint(receiverUrl, ["run.succeeded"]);
    const reportId = await createReport("select id, name from regions order by id");
    const subscriptionId = await createSubscription({ reportId, format: "csv", recipients: [] });
    const { run: started } = await startSubscriptionRun(subscriptionId, { trigger: "console", userId: CONSOLE_USER });
    const run = await waitForRunEnd(started.id);
    expect(run.status).toBe("succeeded");
    const event = await onlyEventOf(endpoint.id);
    const [request] = await waitFor("the delivery", async () =>
      receiver.withId(event.id).length ? receiver.withId(event.id) : null,
    );
    expect(new Webhook(endpoint.secret).verify(request.body, headersOf(request))).toMatchObject({
      type: "run.succeeded",
      data: { id: run.id, kind: "subscription", subscriptionId, result: { recipients: 0, format: "csv" } },
    });
  });

  it("retries a 500 with the same webhook-id and body until a 2xx", async () => {
    // The first request of each message fails, the next succeeds.
    receiver.respond = (request) =>
      receiver.withId(String(request.headers["webhook-id"])).length === 1
        ? { status: 500, body: "boom" }
        : { status: 200 };
    const { endpoint } = await refreshRun();
    const event = await onlyEventOf(endpoint.id);
    const requests = await waitFor("a second attempt", async () =>
      receiver.withId(event.id).length >= 2 ? receiver.withId(event.id) : null,
    );
    expect(requests).toHaveLength(2);
    expect(requests[1].body).toBe(requests[0].body);
    for (const request of requests)
      expect(() => new Webhook(endpoint.secret).verify(request.body, headersOf(request))).not.toThrow();
    // About 5 s apart (the first step of the schedule, ±20 % jitter).
    expect(requests[1].at - requests[0].at).toBeGreaterThanOrEqual(3_900);

    await waitFor(
      "the second attempt to be recorded",
      async () => (await attemptsOf(event.id))[1]?.status === "succeeded",
    );
    const attempts = await attemptsOf(event.id);
    expect(attempts.map((a) => [a.attempt, a.status, a.responseStatus])).toEqual([
      [1, "failed", 500],
      [2, "succeeded", 200],
    ]);
    expect(attempts[0].responseBody).toBe("boom");
    expect(attempts[0].nextAttemptAt).toEqual(attempts[1].scheduledAt);
    expect((await endpointRow(endpoint.id)).failingSince).toBeNull();
  });

  it("disables the endpoint at once on 410 Gone, without a retry", async () => {
    receiver.respond = () => ({ status: 410, body: "gone" });
    const { endpoint } = await refreshRun();
    const event = await onlyEventOf(endpoint.id);
    await waitFor("the endpoint to be disabled", async () => (await endpointRow(endpoint.id)).status === "disabled");
    const row = await endpointRow(endpoint.id);
    expect(row.disabledReason).toMatch(/410/);
    const attempts = await attemptsOf(event.id);
    expect(attempts.map((a) => [a.attempt, a.status, a.responseStatus, a.nextAttemptAt])).toEqual([
      [1, "failed", 410, null],
    ]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetId, endpoint.id));
    expect(audit.map((a) => a.action)).toEqual(["webhook.disabled"]);
    await waitFor("the admin e-mail", async () => sink.for("webhook-admin@sluice.test").length > 0);
  });

  it("disables an endpoint failing for 5 days and e-mails the admins", async () => {
    receiver.respond = () => ({ status: 503 });
    const endpoint = await insertEndpoint(receiverUrl, ["run.succeeded"]);
    await db
      .update(webhookEndpoints)
      .set({ failingSince: new Date(Date.now() - 5 * 86_400_000 - 60_000) })
      .where(eq(webhookEndpoints.id, endpoint.id));
    const modelId = await createModel({
      sourceQuery: "select id, name from regions",
      idColumn: "id",
      labelColumn: "name",
    });
    await startModelRefresh(modelId, { trigger: "console", userId: CONSOLE_USER });
    await waitFor("the endpoint to be disabled", async () => (await endpointRow(endpoint.id)).status === "disabled");
    expect((await endpointRow(endpoint.id)).disabledReason).toMatch(/5 days/);
    const mail = await waitFor("the admin e-mail", async () =>
      sink.for("webhook-admin@sluice.test").find((m) => m.text.includes(endpoint.id)),
    );
    expect(mail.subject).toBe("Sluice: webhook endpoint disabled");
    expect(mail.text).toContain(receiverUrl);
    expect(mail.text).toContain(`/webhooks/${endpoint.id}`);
  });

  it("sends token.expiring once per token when it enters its last 7 days", async () => {
    const event = await onlyEventOf(tokenEndpoint.id);
    expect(JSON.parse(event.body)).toMatchObject({
      type: "token.expiring",
      data: { id: expiringTokenId, name: "expiring soon" },
    });
    // Sent by the worker's check at start, possibly before this test began.
    await waitFor("the attempt", async () => (await attemptsOf(event.id))[0]?.status === "succeeded");
    // Every later check (any worker) finds it already sent.
    expect(await queueTokenExpiringEvents()).toBe(0);
    expect(await eventsOf(tokenEndpoint.id)).toHaveLength(1);
  });

  it("queues again an attempt that Postgres holds but Redis lost", async () => {
    const endpoint = await insertEndpoint(receiverUrl, ["run.succeeded"]);
    // Written as the run's end writes it, but never queued (Redis flushed in between): the reconciler finds it.
    await db
      .insert(webhookEvents)
      .values({ id: "msg_lostinredis", endpointId: endpoint.id, type: "run.succeeded", body: "{}" });
    await db.insert(webhookDeliveries).values({ eventId: "msg_lostinredis", endpointId: endpoint.id, attempt: 1 });
    await waitFor("the delivery", async () => receiver.withId("msg_lostinredis").length === 1);
  });

  it("sends again an attempt whose worker died mid-send", async () => {
    const endpoint = await insertEndpoint(receiverUrl, ["run.succeeded"]);
    // Claimed (`sending`) long ago by a worker that never recorded an outcome: the reconciler puts it back.
    await db
      .insert(webhookEvents)
      .values({ id: "msg_diedmidsend", endpointId: endpoint.id, type: "run.succeeded", body: "{}" });
    await db.insert(webhookDeliveries).values({
      eventId: "msg_diedmidsend",
      endpointId: endpoint.id,
      attempt: 1,
      status: "sending",
      attemptedAt: new Date(Date.now() - 10 * 60_000),
    });
    await waitFor("the delivery", async () => receiver.withId("msg_diedmidsend").length === 1);
    await waitFor("its record", async () => (await attemptsOf("msg_diedmidsend"))[0]?.status === "succeeded");
  });

  it("redelivers an event with the same webhook-id, and sends a test event", async () => {
    const { endpoint } = await refreshRun();
    const event = await onlyEventOf(endpoint.id);
    await waitFor("the first delivery", async () => (await attemptsOf(event.id))[0]?.status === "succeeded");
    const [first] = await attemptsOf(event.id);

    await redeliver(endpoint.id, first.id);
    await waitFor("the redelivery", async () => receiver.withId(event.id).length >= 2);
    await waitFor("its record", async () => (await attemptsOf(event.id))[1]?.status === "succeeded");
    expect((await attemptsOf(event.id)).map((a) => [a.attempt, a.manual])).toEqual([
      [1, false],
      [2, true],
    ]);

    await sendTestEvent(endpoint.id, { userId: CONSOLE_USER, tokenId: null, label: "tester@sluice.test", ip: null });
    const test = await waitFor("the test event", async () =>
      receiver.received.find((request) => JSON.parse(request.body).type === "webhook.test"),
    );
    expect(new Webhook(endpoint.secret).verify(test.body, headersOf(test))).toMatchObject({
      type: "webhook.test",
      data: { endpointId: endpoint.id },
    });
  });
});
