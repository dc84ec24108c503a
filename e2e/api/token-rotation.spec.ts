import { expect, test } from "@playwright/test";
import { auditRows, makeToken } from "../support/fixtures";
import { bearer } from "../support/problems";
import { expectInvalidToken } from "../support/problem-bodies";
import { endGracePeriod, regenerate } from "../support/token-changes";

// SPEC §8 rotation: a regenerated token answers to its new secret at once and to the old one for the grace period.
const HOUR_MS = 3_600_000;

test.describe("GET /api/v1/token after Regenerate → 200", () => {
  test("both secrets resolve to the same token while they overlap, each with its own expiration header", async ({
    request,
  }) => {
    const { id, token: oldToken } = await makeToken({ permissions: ["subscriptions:execute"], expiresInDays: 30 });
    const before = Date.now();
    const newToken = await regenerate(id, HOUR_MS, 90);
    expect(newToken).not.toBe(oldToken);

    const [viaOld, viaNew] = await Promise.all([
      request.get("/api/v1/token", { headers: bearer(oldToken) }),
      request.get("/api/v1/token", { headers: bearer(newToken) }),
    ]);
    expect(viaOld.status()).toBe(200);
    expect(viaNew.status()).toBe(200);
    const [oldBody, newBody] = [await viaOld.json(), await viaNew.json()];
    expect(oldBody).toEqual(newBody);
    expect(newBody.permissions).toEqual(["subscriptions:execute"]);

    // The old secret stops at the end of its grace period; the new one at the token's new expiry.
    const oldExpiration = Date.parse(viaOld.headers()["sluice-token-expiration"] ?? "");
    expect(oldExpiration).toBeGreaterThanOrEqual(before + HOUR_MS - 1000);
    expect(oldExpiration).toBeLessThanOrEqual(Date.now() + HOUR_MS);
    expect(viaNew.headers()["sluice-token-expiration"]).toBe(newBody.expiresAt);
    expect(viaNew.headers()["sluice-token-expiration"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

    const [audit] = await auditRows("token.regenerated", { actorLabel: "test fixture" }).then((rows) =>
      rows.filter((row) => row.targetId === id),
    );
    expect(audit?.details).toMatchObject({ expiresAt: newBody.expiresAt });
    expect(JSON.stringify(audit)).not.toContain(newToken);
  });
});

test.describe("GET /api/v1/token after Regenerate → 401", () => {
  test("the old secret is refused at once with Immediately", async ({ request }) => {
    const { id, token: oldToken } = await makeToken();
    const newToken = await regenerate(id, 0);
    await expectInvalidToken(await request.get("/api/v1/token", { headers: bearer(oldToken) }));
    expect((await request.get("/api/v1/token", { headers: bearer(newToken) })).status()).toBe(200);
  });

  test("the old secret is refused once its grace period has ended", async ({ request }) => {
    const { id, token: oldToken } = await makeToken();
    await regenerate(id, 24 * HOUR_MS);
    expect((await request.get("/api/v1/token", { headers: bearer(oldToken) })).status()).toBe(200);
    await endGracePeriod(id);
    await expectInvalidToken(await request.get("/api/v1/token", { headers: bearer(oldToken) }));
  });

  test("a grace period past the old secret's own expiry is refused, and nothing changes", async ({ request }) => {
    const { id, token } = await makeToken({ expiresInDays: 2 });
    await expect(regenerate(id, 7 * 24 * HOUR_MS)).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { grace: [expect.stringContaining("The old token expires before then")] },
    });
    expect((await request.get("/api/v1/token", { headers: bearer(token) })).status()).toBe(200);
  });
});
