import { expect, test } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { bearer } from "../support/problems";
import { makeToken } from "../support/fixtures";
import { TOKEN_ROUTES } from "../support/api-routes";
import { expectProblemBody, problem } from "../support/problem-bodies";
import { TcpProxy } from "../support/tcp-proxy";
import { startSecondServer } from "../support/second-server";

// Every route while Postgres is unreachable, on a second instance of the built app that reaches Postgres through a
// proxy the spec cuts for the whole file (recovery afterwards: postgres-outage.spec.ts).
const PORT = Number(process.env.PORT ?? 3100) + 8;
// Below the ephemeral range (32768+), so no outgoing connection of the suite can hold the port when it reopens.
const PROXY_PORT = 25442 + Number(process.env.TEST_INSTANCE ?? 0);
const base = `http://127.0.0.1:${PORT}`;

let server: ChildProcess;
let token: string;
const proxy = new TcpProxy(PROXY_PORT, { host: "127.0.0.1", port: 5432 });

test.beforeAll(async () => {
  token = (await makeToken()).token;
  await proxy.open();
  const databaseUrl = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/sluice_test");
  databaseUrl.port = String(PROXY_PORT);
  server = await startSecondServer(PORT, {
    DATABASE_URL: databaseUrl.toString(),
    WAREHOUSE_URL: databaseUrl.toString(),
  });
  // The server works through the proxy before the cut, so what follows is the outage and nothing else.
  expect((await fetch(`${base}/api/v1/token`, { headers: bearer(token) })).status).toBe(200);
  await proxy.cut();
});

test.afterAll(async () => {
  server.kill("SIGTERM");
  await proxy.cut();
});

for (const route of TOKEN_ROUTES) {
  test.describe(`${route.name} → 503`, () => {
    test("answers unavailable with Retry-After", async ({ request }) => {
      const response = await route.send(request, base, bearer(token));
      await expectProblemBody(response, problem("unavailable", "The database is unreachable; try again shortly."));
      expect(response.headers()["retry-after"]).toBe("5");
    });
  });
}

test.describe("GET /api/health → 503", () => {
  test("names the failing part, with Retry-After", async ({ request }) => {
    const response = await request.get(`${base}/api/health`);
    expect(response.status()).toBe(503);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(response.headers()["retry-after"]).toBe("5");
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.json()).toMatchObject({ status: "unavailable", db: "unavailable", redis: "ok" });
  });
});

test.describe("GET /api/v1/openapi.json → 200", () => {
  test("is served without the database", async ({ request }) => {
    const response = await request.get(`${base}/api/v1/openapi.json`);
    expect(response.status()).toBe(200);
    expect((await response.json()).openapi).toBe("3.1.0");
  });
});
