import { expect, test, type APIRequestContext } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { bearer, expectProblem } from "../support/problems";
import { auditRows, makeToken, makeViewer } from "../support/fixtures";
import { signInAttempt, signInOverHttp } from "../support/sign-in";
import { startSecondServer } from "../support/second-server";
import { generateToken } from "../../lib/tokens/format";

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

test("a production server reachable from elsewhere refuses to start with a published AUTH_SECRET", async () => {
  const port = Number(process.env.PORT ?? 3100) + 4;
  const args = [
    "--import",
    "./server/peer-address.mjs",
    "node_modules/next/dist/bin/next",
    "start",
    "-p",
    String(port),
  ];
  let output = "";
  const server = spawn(process.execPath, args, {
    env: {
      ...process.env,
      NODE_ENV: "production",
      APP_URL: "https://sluice.example.com",
      AUTH_SECRET: "change-me-to-a-long-random-secret",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    await expect.poll(() => server.exitCode, { timeout: 30_000 }).not.toBeNull();
    expect(server.exitCode).not.toBe(0);
    expect(output).toContain("openssl rand -base64 32");
  } finally {
    server.kill("SIGKILL");
  }
});

test.describe("content security policy", () => {
  const scriptSources = (policy: string) =>
    policy
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src")) ?? "";

  test("pages allow scripts by a fresh nonce per response, never 'unsafe-inline'", async ({ request }) => {
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const response = await request.get("/login");
      const scripts = scriptSources(response.headers()["content-security-policy"] ?? "");
      expect(scripts).not.toContain("unsafe-inline");
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scripts)?.[1];
      expect(nonce, scripts).toBeTruthy();
      nonces.push(nonce);
      // Every script tag Next wrote carries the nonce: without it the browser would refuse them all.
      const html = await response.text();
      const tags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(tags.length).toBeGreaterThan(0);
      for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  test("the API's policy allows no inline script either", async ({ request }) => {
    const policy = (await request.get("/api/health")).headers()["content-security-policy"] ?? "";
    expect(scriptSources(policy)).toBe("script-src 'self'");
  });
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

  test("failures from other addresses never lock the owner out", async ({ request }) => {
    const viewer = await makeViewer();
    for (let i = 0; i < 12; i++) {
      expect(await signInOverHttp(request, viewer.email, `wrong-${i}-password`, `203.0.113.${i + 1}`)).toBe(false);
    }
    expect(await signInOverHttp(request, viewer.email, viewer.password, "203.0.113.200")).toBe(true);
  });

  test("concurrent guesses are counted before the password check, so they cannot all get through", async ({
    request,
  }) => {
    const viewer = await makeViewer();
    const guesses = 30;
    await request.get("/api/auth/csrf"); // one CSRF cookie for all the concurrent posts
    const outcomes = await Promise.all(
      Array.from({ length: guesses }, (_, i) =>
        signInAttempt(request, viewer.email, `wrong-${i}-password`, "203.0.113.220"),
      ),
    );
    const checked = (await auditRows("sign-in.failed", { actorLabel: viewer.email })).length;
    // The address's budget (10 a window) is taken before bcrypt runs: no burst buys more password checks.
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(10);
    expect(outcomes.filter((o) => o === "CredentialsSignin")).toHaveLength(checked);
    expect(outcomes.filter((o) => o === "SignInThrottled" || o === "SignInBusy")).toHaveLength(guesses - checked);
  });

  test('password checks beyond the process\'s capacity are answered "try again shortly"', async ({ request }) => {
    // Distinct accounts and addresses: no throttle applies, only the cap on concurrent bcrypt work.
    await request.get("/api/auth/csrf"); // one CSRF cookie for all the concurrent posts
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signInAttempt(request, `nobody-${i}-${randomUUID()}@sluice.test`, "wrong-password", `198.18.0.${i + 1}`),
      ),
    );
    expect(outcomes).toContain("SignInBusy");
    expect(outcomes).toContain("CredentialsSignin");
    expect(outcomes.every((o) => o === "SignInBusy" || o === "CredentialsSignin")).toBe(true);
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

  test("a client past its bad-token budget gets no more look-ups, even for a valid token", async ({ request }) => {
    const address = { "X-Forwarded-For": "198.51.100.98" };
    for (let i = 0; i < limit; i++) {
      const guess = await request.get(`http://127.0.0.1:${port}/api/v1/token`, {
        headers: { ...bearer(generateToken()), ...address },
      });
      expect(guess.status()).toBe(401);
    }
    const { token } = await makeToken();
    const valid = await request.get(`http://127.0.0.1:${port}/api/v1/token`, {
      headers: { ...bearer(token), ...address },
    });
    await expectProblem(valid, 429, "rate_limited");
  });
});

test.describe("bad tokens: the ceiling over all clients", () => {
  const port = Number(process.env.PORT ?? 3100) + 2;
  const ceiling = 3;
  let server: ChildProcess;

  test.beforeAll(async () => {
    server = await startSecondServer(port, {
      API_INVALID_TOKEN_GLOBAL_LIMIT_PER_MINUTE: String(ceiling),
      QUEUE_PREFIX: `sluice-ceiling-${randomUUID()}`,
    });
  });
  test.afterAll(() => {
    server.kill("SIGTERM");
  });

  const get = (request: APIRequestContext, token: string, ip: string) =>
    request.get(`http://127.0.0.1:${port}/api/v1/token`, { headers: { ...bearer(token), "X-Forwarded-For": ip } });

  test("past it, a client that sent a bad token waits, whatever its address; clean clients do not", async ({
    request,
  }) => {
    for (let i = 1; i <= ceiling; i++)
      expect((await get(request, generateToken(), `198.51.100.${i}`)).status()).toBe(401);
    // A new address gets its first look-up; its second bad token finds the ceiling reached.
    expect((await get(request, generateToken(), "198.51.100.50")).status()).toBe(401);
    await expectProblem(await get(request, generateToken(), "198.51.100.50"), 429, "rate_limited");
    const { token } = await makeToken();
    expect((await get(request, token, "198.51.100.60")).status()).toBe(200);
  });
});

test.describe("client addresses with TRUSTED_PROXY_HOPS=0 (the default)", () => {
  const port = Number(process.env.PORT ?? 3100) + 3;
  const limit = 5;
  let server: ChildProcess;
  const base = `http://127.0.0.1:${port}`;

  test.beforeAll(async () => {
    // Its own Redis prefix: the limits it fills for 127.0.0.1 must not reach the suite's server.
    server = await startSecondServer(port, {
      TRUSTED_PROXY_HOPS: "0",
      API_INVALID_TOKEN_LIMIT_PER_MINUTE: String(limit),
      QUEUE_PREFIX: `sluice-hops0-${randomUUID()}`,
    });
  });
  test.afterAll(() => {
    server.kill("SIGTERM");
  });

  const forged = (i: number) => ({ "X-Forwarded-For": `192.0.2.${i}`, "X-Sluice-Peer-Address": `192.0.2.${100 + i}` });

  test("last used and audit rows record the connection's address, not a forged one", async ({ request }) => {
    const { id, token } = await makeToken();
    expect((await request.get(`${base}/api/v1/token`, { headers: { ...bearer(token), ...forged(7) } })).status()).toBe(
      200,
    );
    await expect
      .poll(async () => (await auditRows("token.used", { actorTokenId: id }))[0]?.ip ?? null)
      .toBe("127.0.0.1");
    expect(await lastUsedIp(id)).toBe("127.0.0.1");
  });

  test("rotating forwarded headers does not escape the bad-token limit", async ({ request }) => {
    for (let i = 0; i < limit; i++) {
      const response = await request.get(`${base}/api/v1/token`, {
        headers: { ...bearer(generateToken()), ...forged(i) },
      });
      expect(response.status()).toBe(401);
    }
    await expectProblem(
      await request.get(`${base}/api/v1/token`, { headers: { ...bearer(generateToken()), ...forged(limit) } }),
      429,
      "rate_limited",
    );
  });

  test("rotating forwarded headers does not escape the sign-in throttle", async ({ request }) => {
    for (let i = 0; i < 10; i++) {
      const outcome = await signInAttempt(
        request,
        `nobody-${i}-${randomUUID()}@sluice.test`,
        "wrong-password",
        `192.0.2.${i}`,
        base,
      );
      expect(outcome).toBe("CredentialsSignin");
    }
    const viewer = await makeViewer();
    expect(await signInAttempt(request, viewer.email, viewer.password, "192.0.2.99", base)).toBe("SignInThrottled");
  });
});

async function lastUsedIp(tokenId: string): Promise<string | null> {
  const { db } = await import("../../lib/db/client");
  const { apiTokens } = await import("../../lib/db/schema");
  const { eq } = await import("drizzle-orm");
  const [row] = await db.select({ ip: apiTokens.lastUsedIp }).from(apiTokens).where(eq(apiTokens.id, tokenId));
  return row?.ip ?? null;
}
