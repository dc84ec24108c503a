import { expect, test } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { generateToken } from "../../lib/tokens/format";
import { adminCredentials } from "../support/env";
import { auditRows, makeToken } from "../support/fixtures";
import { messagesBySubject } from "../support/mailbox";
import { bearer } from "../support/problems";
import { expectInvalidToken, expectProblemBody, problem } from "../support/problem-bodies";
import { startSecondServer } from "../support/second-server";
import { regenerate, tokenRow } from "../support/token-changes";

// POST /api/v1/token-leaks — no auth; revokes the live tokens reported and always answers 202 {received: n}.
// Each report comes from an address of its own (X-Forwarded-For; the suite's server trusts one hop), so the
// per-address limit of one spec does not reach another.
let nextAddress = 1;
const report = (tokens: unknown, ip = `198.18.0.${nextAddress++}`) => ({
  headers: { "Content-Type": "application/json", "X-Forwarded-For": ip },
  data: JSON.stringify(tokens === undefined ? {} : { tokens }),
});

test.describe("POST /api/v1/token-leaks → 202", () => {
  test("revokes a live token, audits it with reason leaked and e-mails its creator", async ({ request }) => {
    const { id, token } = await makeToken();
    const { name } = await (await request.get("/api/v1/token", { headers: bearer(token) })).json();
    const response = await request.post("/api/v1/token-leaks", report([token, "not a token at all"]));
    expect(response.status()).toBe(202);
    expect(await response.json()).toEqual({ received: 2 });

    await expectInvalidToken(await request.get("/api/v1/token", { headers: bearer(token) }));
    expect(await tokenRow(id)).toMatchObject({ revokedReason: "leaked" });
    const [audit] = (await auditRows("token.revoked", { actorLabel: "leak report" })).filter((r) => r.targetId === id);
    expect(audit?.details).toEqual({ name, reason: "leaked" });

    const subject = `Sluice: API token "${name}" was revoked because it leaked`;
    await expect.poll(async () => (await messagesBySubject(subject)).get(adminCredentials.email)?.length ?? 0).toBe(1);
  });

  test("answers the same whether or not any token was live", async ({ request }) => {
    const { token: revoked } = await makeToken({ revoked: true });
    const { token: expired } = await makeToken({ expiresAt: new Date(Date.now() - 1000) });
    const bodies = [];
    for (const tokens of [[generateToken()], [revoked], [expired], ["slc_short"], [(await makeToken()).token]]) {
      const response = await request.post("/api/v1/token-leaks", report(tokens));
      expect(response.status()).toBe(202);
      bodies.push(await response.json());
    }
    expect(bodies).toEqual(Array(5).fill({ received: 1 }));
  });

  test("revokes a token whose replaced secret leaked during its grace period", async ({ request }) => {
    const { id, token: oldToken } = await makeToken();
    const newToken = await regenerate(id, 3_600_000);
    expect((await request.post("/api/v1/token-leaks", report([oldToken]))).status()).toBe(202);
    await expectInvalidToken(await request.get("/api/v1/token", { headers: bearer(newToken) }));
  });
});

test.describe("POST /api/v1/token-leaks → 400", () => {
  // Each bad report also names a live token: it must stay live, as nothing of a refused report is acted on.
  const cases: [string, (live: string) => unknown][] = [
    ["no tokens", () => []],
    ["101 tokens", (live) => [...Array.from({ length: 100 }, () => generateToken()), live]],
    ["a number among the tokens", (live) => [live, 42]],
    ["a string too long to be a token", (live) => [live, "x".repeat(201)]],
    ["no list", () => undefined],
  ];
  for (const [label, tokens] of cases) {
    test(`refuses ${label} and revokes nothing`, async ({ request }) => {
      const { token } = await makeToken();
      const response = await request.post("/api/v1/token-leaks", report(tokens(token)));
      expect(response.status()).toBe(400);
      expect((await response.json()).code).toBe("invalid_request");
      expect((await request.get("/api/v1/token", { headers: bearer(token) })).status()).toBe(200);
    });
  }

  test("refuses malformed JSON and unknown fields", async ({ request }) => {
    const headers = { "Content-Type": "application/json", "X-Forwarded-For": "198.18.1.1" };
    await expectProblemBody(
      await request.post("/api/v1/token-leaks", { headers, data: Buffer.from("{not json") }),
      problem("invalid_request", "The body is not valid JSON."),
    );
    const extra = await request.post("/api/v1/token-leaks", {
      headers: { ...headers, "X-Forwarded-For": "198.18.1.2" },
      data: JSON.stringify({ tokens: ["x"], more: true }),
    });
    expect(extra.status()).toBe(400);
  });
});

test.describe("POST /api/v1/token-leaks → 429", () => {
  const PORT = Number(process.env.PORT ?? 3100) + 9;
  let server: ChildProcess;
  test.beforeAll(async () => {
    server = await startSecondServer(PORT, { TOKEN_LEAK_REPORTS_PER_MINUTE: "1", TRUSTED_PROXY_HOPS: "0" });
  });
  test.afterAll(() => {
    server.kill("SIGTERM");
  });

  test("limits reports per client address", async ({ request }) => {
    const url = `http://127.0.0.1:${PORT}/api/v1/token-leaks`;
    const body = { headers: { "Content-Type": "application/json" }, data: JSON.stringify({ tokens: ["x"] }) };
    expect((await request.post(url, body)).status()).toBe(202);
    const limited = await request.post(url, body);
    await expectProblemBody(limited, problem("rate_limited", "At most 1 leak reports per minute from one address."));
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  });
});
