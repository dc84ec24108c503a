import { expect, test } from "@playwright/test";
import { generateToken, checksumOf } from "../../lib/tokens/format";
import { bearer, expectProblem, INVALID_TOKEN_BODY } from "../support/problems";
import { makeToken } from "../support/fixtures";

// GET /api/v1/token — introspection
test.describe("GET /api/v1/token → 200", () => {
  test("returns the token's name, permissions and expiry", async ({ request }) => {
    const { token } = await makeToken({ permissions: ["subscriptions:execute"], expiresInDays: 60 });
    const response = await request.get("/api/v1/token", { headers: bearer(token) });
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.permissions).toEqual(["subscriptions:execute"]);
    expect(body.name).toMatch(/^test-/);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 59 * 86_400_000);
    expect(JSON.stringify(body)).not.toContain(token);
  });
});

test.describe("GET /api/v1/token → 401", () => {
  const wellFormedUnknown = generateToken();
  const random30 = wellFormedUnknown.slice(4, 34);
  const badChecksum = `slc_${random30}${checksumOf(random30) === "000000" ? "000001" : "000000"}`;

  const cases: [string, () => Promise<Record<string, string>>][] = [
    ["no Authorization header", async () => ({})],
    ["a wrong scheme", async () => ({ Authorization: `Basic ${Buffer.from("a:b").toString("base64")}` })],
    ["an empty header", async () => ({ Authorization: "" })],
    ["a bare scheme", async () => ({ Authorization: "Bearer " })],
    ["an 8 KiB header", async () => ({ Authorization: `Bearer ${"A".repeat(8192)}` })],
    ["a bad checksum", async () => bearer(badChecksum)],
    ["an unknown well-formed token", async () => bearer(wellFormedUnknown)],
    ["an expired token", async () => bearer((await makeToken({ expiresAt: new Date(Date.now() - 1000) })).token)],
    ["a revoked token", async () => bearer((await makeToken({ revoked: true })).token)],
    ["SQL in the header", async () => ({ Authorization: "Bearer ' or 1=1 --" })],
  ];

  for (const [label, headers] of cases) {
    test(`refuses ${label} with the one invalid_token body`, async ({ request }) => {
      const response = await request.get("/api/v1/token", { headers: await headers() });
      const body = await expectProblem(response, 401, "invalid_token");
      expect(body).toEqual(INVALID_TOKEN_BODY);
      expect(response.headers()["www-authenticate"]).toBe('Bearer error="invalid_token"');
    });
  }

  test("refuses a token sent in the query string", async ({ request }) => {
    const { token } = await makeToken();
    const response = await request.get(`/api/v1/token?access_token=${token}&token=${token}`);
    expect(await expectProblem(response, 401, "invalid_token")).toEqual(INVALID_TOKEN_BODY);
  });

  test("refuses the console's session cookie", async ({ playwright }) => {
    const context = await playwright.request.newContext({
      storageState: "e2e/.auth/admin.json",
      baseURL: test.info().project.use.baseURL,
    });
    const response = await context.get("/api/v1/token");
    expect(await expectProblem(response, 401, "invalid_token")).toEqual(INVALID_TOKEN_BODY);
    await context.dispose();
  });
});

test.describe("/api/v1 → 404", () => {
  test("an unknown path gets a problem body, not the HTML page", async ({ request }) => {
    const { token } = await makeToken();
    await expectProblem(await request.get("/api/v1/nothing-here", { headers: bearer(token) }), 404, "not_found");
  });
});

test.describe("GET /api/health → 200", () => {
  test("reports the database, Redis and the workers' mail transport", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", db: "ok", redis: "ok", warehouse: "ok" });
    // "unknown" until the worker has sent its first e-mail in this run of the suite.
    expect(["ok", "unknown"]).toContain(body.mail.status);
  });
});
