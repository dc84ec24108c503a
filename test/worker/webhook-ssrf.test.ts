import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEndpoint } from "../../lib/webhooks/repository";
import { closeWebhooksQueue } from "../../lib/webhooks/queue";
import { startModelRefresh } from "../../lib/runs/start";
import { closeTestClients, CONSOLE_USER, createModel, waitForRunEnd } from "./helpers/fixtures";
import { waitFor } from "./helpers/wait";
import { WebhookReceiver } from "./helpers/webhook-receiver";
import { attemptsOf, eventsOf, insertEndpoint } from "./helpers/webhooks";
import { WorkerProcess } from "./helpers/worker-process";
import { workerEnv } from "./helpers/worker-env";

// This file runs as production does: WEBHOOK_ALLOW_PRIVATE unset, in this process and in the worker.
const receiver = new WebhookReceiver();
let port: string;
let worker: WorkerProcess;
const actor = { userId: CONSOLE_USER, tokenId: null, label: "admin@sluice.test", ip: null };

beforeAll(async () => {
  port = new URL(await receiver.start()).port;
  worker = await WorkerProcess.start(workerEnv({ WEBHOOK_ALLOW_PRIVATE: "false" }));
});

afterAll(async () => {
  await worker?.stop();
  await receiver.stop();
  await closeWebhooksQueue();
  await closeTestClients();
});

describe("webhook destinations (SSRF)", () => {
  it.each([
    [`http://example.com/hook`, /https:\/\//],
    [`https://127.0.0.1:8443/hook`, /127\.0\.0\.1.*loopback, private, link-local/],
    [`https://localhost/hook`, /loopback, private, link-local/],
    [`https://169.254.169.254/latest/meta-data`, /169\.254\.169\.254/],
    [`https://10.0.0.8/hook`, /private/],
    [`https://[::1]/hook`, /loopback/],
    [`https://[::ffff:192.168.0.1]/hook`, /private/],
  ])("refuses to save %s", async (url, message) => {
    // A refused destination is a field error on URL, with the reason.
    await expect(createEndpoint({ url, events: ["run.succeeded"], description: "" }, actor)).rejects.toMatchObject({
      fieldErrors: { url: [expect.stringMatching(message)] },
    });
  });

  it("refuses to send when the saved host now resolves to a loopback address", async () => {
    // Saved while the name pointed elsewhere (DNS can change): the check at send still refuses it.
    const endpoint = await insertEndpoint(`https://localhost:${port}/hooks`, ["run.succeeded"]);
    const modelId = await createModel({
      sourceQuery: "select id, name from regions",
      idColumn: "id",
      labelColumn: "name",
    });
    const { run } = await startModelRefresh(modelId, { trigger: "console", userId: CONSOLE_USER });
    expect((await waitForRunEnd(run.id)).status).toBe("succeeded");
    const [event] = await waitFor("the event", async () => {
      const events = await eventsOf(endpoint.id);
      return events.length ? events : null;
    });
    const [attempt] = await waitFor("the refused attempt", async () => {
      const attempts = await attemptsOf(event.id);
      return attempts[0]?.status === "failed" ? attempts : null;
    });
    expect(attempt.error).toMatch(/resolves to .*loopback, private, link-local/);
    expect(attempt.responseStatus).toBeNull();
    // Refused like any failure: retried on the schedule, and the receiver never saw a byte.
    expect(attempt.nextAttemptAt).not.toBeNull();
    expect(receiver.received).toEqual([]);
  });
});
