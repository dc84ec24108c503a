import { expect, test } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { bearer, expectProblem } from "../support/problems";
import { makeToken, makeViewer } from "../support/fixtures";
import { signInOverHttp } from "../support/sign-in";
import { startSecondServer } from "../support/second-server";

test.describe("security headers", () => {
  for (const path of ["/login", "/api/v1/token", "/api/health", "/api/v1/no-such-route", "/no-such-page"]) {
    test(`are on ${path}`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      expect(headers["content-security-policy"]).toContain("object-src 'none'");
      expect(headers["content-security-policy"]).toContain("base-uri 'none'");
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/);
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("no-referrer");
      expect(headers["x-powered-by"]).toBeUndefined();
    });
  }
});

test.describe("sign-in", () => {
  test("the session cookie is HttpOnly and SameSite=Lax", async ({ request }) => {
    const viewer = await makeViewer();
    expect(await signInOverHttp(request, viewer.email, viewer.password, "198.51.100.1")).toBe(true);
    const state = await request.storageState();
    const session = state.cookies.find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  });

  test("an unknown user and a wrong password get the same answer", async ({ request }) => {
    const viewer = await makeViewer();
    expect(
      await signInOverHttp(request, `nobody-${randomUUID()}@sluice.test`, "whatever-password", "198.51.100.2"),
    ).toBe(false);
    expect(await signInOverHttp(request, viewer.email, "wrong-password-123", "198.51.100.2")).toBe(false);
  });

  test("after 10 failures an account is locked for the window, even with the right password", async ({ request }) => {
    const viewer = await makeViewer();
    for (let i = 0; i < 10; i++) {
      // A fresh IP per attempt: this checks the per-account limit alone.
      expect(await signInOverHttp(request, viewer.email, `wrong-${i}-password`, `203.0.113.${i + 1}`)).toBe(false);
    }
    expect(await signInOverHttp(request, viewer.email, viewer.password, "203.0.113.200")).toBe(false);
  });

  test("after 10 failures from one IP, that IP cannot sign in to any account", async ({ request }) => {
    // The suite clears its Redis keys before it starts, so this address begins with no failures.
    const ip = "192.0.2.50";
    for (let i = 0; i < 10; i++) {
      expect(await signInOverHttp(request, `nobody-${i}-${randomUUID()}@sluice.test`, "wrong-password", ip)).toBe(
        false,
      );
    }
    const viewer = await makeViewer();
    expect(await signInOverHttp(request, viewer.email, viewer.password, ip)).toBe(false);
    expect(await signInOverHttp(request, viewer.email, viewer.password, "198.51.100.77")).toBe(true);
  });
});

test.describe("API rate limit → 429", () => {
  const port = Number(process.env.PORT ?? 3100) + 1;
  const limit = 5;
  let server: ChildProcess;

  test.beforeAll(async () => {
    // A second instance of the built app with a low per-token limit, sharing the suite's database and Redis.
    server = await startSecondServer(port, {
      API_RATE_LIMIT_PER_MINUTE: String(limit),
      API_INVALID_TOKEN_LIMIT_PER_MINUTE: String(limit),
    });
  });
  test.afterAll(() => {
    server.kill("SIGTERM");
  });

  test("a token over its per-minute budget gets 429 with Retry-After and RateLimit headers", async ({ request }) => {
    const { token } = await makeToken();
    for (let i = 0; i < limit; i++) {
      const ok = await request.get(`http://127.0.0.1:${port}/api/v1/token`, { headers: bearer(token) });
      expect(ok.status()).toBe(200);
      expect(ok.headers()["ratelimit"]).toContain(`r=${limit - i - 1}`);
    }
    const limited = await request.get(`http://127.0.0.1:${port}/api/v1/token`, { headers: bearer(token) });
    await expectProblem(limited, 429, "rate_limited");
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
    expect(limited.headers()["ratelimit"]).toContain("r=0");
    expect(limited.headers()["ratelimit-policy"]).toContain(`q=${limit}`);
    // Another token is not affected.
    const other = await makeToken();
    expect(
      (await request.get(`http://127.0.0.1:${port}/api/v1/token`, { headers: bearer(other.token) })).status(),
    ).toBe(200);
  });

  test("one client sending bad tokens is slowed down too", async ({ request }) => {
    const headers = { ...bearer("slc_not-a-token"), "X-Forwarded-For": "198.51.100.99" };
    for (let i = 0; i < limit; i++) {
      expect((await request.get(`http://127.0.0.1:${port}/api/v1/token`, { headers })).status()).toBe(401);
    }
    await expectProblem(await request.get(`http://127.0.0.1:${port}/api/v1/token`, { headers }), 429, "rate_limited");
  });
});
