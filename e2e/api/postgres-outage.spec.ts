import { expect, test } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { bearer, expectProblem } from "../support/problems";
import { makeSubscription, makeToken } from "../support/fixtures";
import { TcpProxy } from "../support/tcp-proxy";
import { startSecondServer } from "../support/second-server";

// A second instance of the built app that reaches Postgres through a proxy the test can cut.
const WEB_PORT = Number(process.env.PORT ?? 3100) + 2;
// Below the ephemeral range (32768+), so no outgoing connection of the suite can hold the port when it reopens.
const PROXY_PORT = 25432 + Number(process.env.TEST_INSTANCE ?? 0);
const base = `http://127.0.0.1:${WEB_PORT}`;

let web: ChildProcess;
const proxy = new TcpProxy(PROXY_PORT, { host: "127.0.0.1", port: 5432 });

test.beforeAll(async () => {
  await proxy.open();
  const databaseUrl = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/sluice_test");
  databaseUrl.port = String(PROXY_PORT);
  web = await startSecondServer(WEB_PORT, {
    DATABASE_URL: databaseUrl.toString(),
    WAREHOUSE_URL: databaseUrl.toString(),
  });
});

test.afterAll(async () => {
  web.kill("SIGTERM");
  await proxy.cut();
});

test("Postgres away → 503 unavailable with Retry-After, never a 500, and recovery without a restart", async ({
  request,
}) => {
  const { token } = await makeToken();
  const subscription = await makeSubscription();
  expect((await request.get(`${base}/api/v1/token`, { headers: bearer(token) })).status()).toBe(200);

  await proxy.cut();
  for (const response of [
    await request.get(`${base}/api/v1/token`, { headers: bearer(token) }),
    await request.post(`${base}/api/v1/subscriptions/${subscription.id}/runs`, { headers: bearer(token) }),
    await request.get(`${base}/api/v1/subscriptions`, { headers: bearer(token) }),
  ]) {
    await expectProblem(response, 503, "unavailable");
    expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
  }
  const health = await request.get(`${base}/api/health`);
  expect(health.status()).toBe(503);
  expect(await health.json()).toMatchObject({ status: "unavailable", db: "unavailable", redis: "ok" });
  // A malformed token is still refused offline, database or not.
  await expectProblem(await request.get(`${base}/api/v1/token`, { headers: bearer("slc_bad") }), 401, "invalid_token");

  await proxy.open();
  await expect
    .poll(async () => (await request.get(`${base}/api/v1/token`, { headers: bearer(token) })).status(), {
      timeout: 15_000,
    })
    .toBe(200);
  expect(
    (await request.post(`${base}/api/v1/subscriptions/${subscription.id}/runs`, { headers: bearer(token) })).status(),
  ).toBe(202);
});
