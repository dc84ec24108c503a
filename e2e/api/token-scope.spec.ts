import { expect, test } from "@playwright/test";
import { auditRows, makeSemanticModel, makeSubscription, makeToken } from "../support/fixtures";
import { bearer } from "../support/problems";
import { expectProblemBody, problem } from "../support/problem-bodies";

// SPEC §8 scope and allowed ranges. The suite's server trusts one proxy hop: X-Forwarded-For names the client.
const from = (token: string, ip: string) => ({ ...bearer(token), "X-Forwarded-For": ip });

test.describe("a token scoped to selected subscriptions and models", () => {
  test("sees only those: lists omit the others and their paths answer 404 not_found", async ({ request }) => {
    const [inside, outside] = [await makeSubscription(), await makeSubscription()];
    const [model, otherModel] = [await makeSemanticModel(), await makeSemanticModel()];
    const { token } = await makeToken({ subscriptionIds: [inside.id], semanticModelIds: [model.id] });
    const { token: unscoped } = await makeToken();

    const list = await (await request.get("/api/v1/subscriptions?limit=100", { headers: bearer(token) })).json();
    expect(list.data.map((s: { id: string }) => s.id)).toEqual([inside.id]);
    const models = await (await request.get("/api/v1/semantic-models?limit=100", { headers: bearer(token) })).json();
    expect(models.data.map((m: { id: string }) => m.id)).toEqual([model.id]);

    // Each answer is the one an unknown id gets on the same route, so the token cannot tell the two apart.
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const [resource, id] of [
      ["subscriptions", outside.id],
      ["semantic-models", otherModel.id],
    ] as const) {
      const action = resource === "subscriptions" ? "runs" : "refreshes";
      for (const method of ["post", "get"] as const) {
        const outOfScope = await request[method](`/api/v1/${resource}/${id}/${action}`, { headers: bearer(token) });
        const missing = await request[method](`/api/v1/${resource}/${unknown}/${action}`, { headers: bearer(token) });
        expect(outOfScope.status()).toBe(404);
        expect(await outOfScope.json()).toEqual(await missing.json());
      }
    }

    // A run of a subscription out of scope is as unknown as one that does not exist.
    const outsideRun = await (
      await request.post(`/api/v1/subscriptions/${outside.id}/runs`, { headers: bearer(unscoped) })
    ).json();
    const unknownRun = await request.get(`/api/v1/runs/00000000-0000-4000-8000-000000000000`, {
      headers: bearer(token),
    });
    await expectProblemBody(
      await request.get(`/api/v1/runs/${outsideRun.id}`, { headers: bearer(token) }),
      await unknownRun.json(),
    );

    const started = await request.post(`/api/v1/subscriptions/${inside.id}/runs`, { headers: bearer(token) });
    expect(started.status()).toBe(202);
    expect((await request.get(`/api/v1/runs/${(await started.json()).id}`, { headers: bearer(token) })).status()).toBe(
      200,
    );
  });

  test("GET /api/v1/token shows the scope and the allowed ranges", async ({ request }) => {
    const subscription = await makeSubscription();
    const { token } = await makeToken({ subscriptionIds: [subscription.id], allowedIps: ["10.0.0.0/8"] });
    const body = await (await request.get("/api/v1/token", { headers: from(token, "10.1.2.3") })).json();
    expect(body.scopes).toEqual({ subscriptions: [subscription.id], semanticModels: "all" });
    expect(body.allowedIps).toEqual(["10.0.0.0/8"]);

    const { token: open } = await makeToken();
    const openBody = await (await request.get("/api/v1/token", { headers: bearer(open) })).json();
    expect(openBody).toMatchObject({ scopes: { subscriptions: "all", semanticModels: "all" }, allowedIps: [] });
  });
});

test.describe("a token with allowed IP ranges → 403 ip_not_allowed", () => {
  test("answers inside the IPv4 and IPv6 ranges and refuses, audited, outside them", async ({ request }) => {
    const { id, token } = await makeToken({ allowedIps: ["203.0.113.0/24", "2001:db8::/32", "192.0.2.10/32"] });
    for (const ip of ["203.0.113.7", "2001:db8:1::5", "192.0.2.10"]) {
      expect((await request.get("/api/v1/token", { headers: from(token, ip) })).status(), ip).toBe(200);
    }
    for (const [ip, path] of [
      ["198.51.100.1", "/api/v1/token"],
      ["2001:db9::1", "/api/v1/subscriptions"],
      ["192.0.2.11", "/api/v1/runs/00000000-0000-0000-0000-000000000000"],
    ] as const) {
      const refused = await request.get(path, { headers: from(token, ip) });
      await expectProblemBody(refused, problem("ip_not_allowed", "This token may not be used from this address."));
    }
    await expect
      .poll(async () => (await auditRows("api.ip-not-allowed", { actorTokenId: id })).map((row) => row.ip).sort())
      .toEqual(["192.0.2.11", "198.51.100.1", "2001:db9::1"]);
  });
});

test.describe("Sluice-Token-Expiration", () => {
  test("is on every answer to a valid token, success or not, and on none to an invalid one", async ({ request }) => {
    const { token } = await makeToken({ permissions: ["semantic-models:refresh"] });
    const { expiresAt } = await (await request.get("/api/v1/token", { headers: bearer(token) })).json();
    for (const response of [
      await request.get("/api/v1/token", { headers: bearer(token) }),
      await request.get("/api/v1/subscriptions", { headers: bearer(token) }), // 403
      await request.get("/api/v1/runs/not-a-uuid", { headers: bearer(token) }), // 404
    ]) {
      expect(response.headers()["sluice-token-expiration"]).toBe(expiresAt);
    }
    const invalid = await request.get("/api/v1/token", { headers: bearer("slc_nope") });
    expect(invalid.headers()["sluice-token-expiration"]).toBeUndefined();
  });
});
