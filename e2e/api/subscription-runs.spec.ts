import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { bearer, expectProblem, INVALID_TOKEN_BODY } from "../support/problems";
import { auditRows, makeSubscription, makeToken } from "../support/fixtures";
import { messagesBySubject } from "../support/mailbox";
import { waitForRun } from "../support/runs";
import { firstRow } from "../../lib/db/first-row";

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const PRODUCTS_CSV_HEADER = "id,name,category,unit_price";

let token: string;
test.beforeAll(async () => {
  token = (await makeToken({ permissions: ["subscriptions:execute"] })).token;
});

const trigger = (
  request: import("@playwright/test").APIRequestContext,
  id: string,
  options: { headers?: Record<string, string>; data?: unknown } = {},
) =>
  request.post(`/api/v1/subscriptions/${id}/runs`, {
    headers: { ...bearer(token), ...options.headers },
    data: options.data,
  });

test.describe("POST /api/v1/subscriptions/{id}/runs → 202", () => {
  for (const format of ["csv", "xlsx", "pdf"] as const) {
    test(`delivers the ${format} report once to every recipient`, async ({ request }) => {
      const subscription = await makeSubscription({ format });
      const response = await trigger(request, subscription.id);
      expect(response.status()).toBe(202);
      const accepted = await response.json();
      expect(response.headers()["location"]).toBe(`/api/v1/runs/${accepted.id}`);
      expect(accepted).toMatchObject({
        kind: "subscription",
        status: "queued",
        subscriptionId: subscription.id,
        trigger: "api",
        error: null,
        result: null,
      });

      const run = await waitForRun(request, token, accepted.id);
      expect(run).toMatchObject({ status: "succeeded", result: { recipients: 3, delivered: 3, failed: 0, format } });

      const mail = await messagesBySubject(subscription.subject);
      expect([...mail.keys()].sort()).toEqual([...subscription.recipients].sort());
      for (const messages of mail.values()) {
        expect(messages).toHaveLength(1);
        const attachment = firstRow(firstRow(messages).attachments);
        expect(attachment.size).toBe((run.result as { bytes: number }).bytes);
        if (format === "csv") {
          const lines = attachment.content.toString("utf8").trim().split(/\r?\n/);
          expect(lines[0]).toBe(PRODUCTS_CSV_HEADER);
          expect(lines).toHaveLength(7);
          expect(lines[1]).toBe("p-100,Widget,Hardware,19.90");
        } else if (format === "xlsx") {
          expect(attachment.content.subarray(0, 2).toString()).toBe("PK");
          const workbook = new ExcelJS.Workbook();
          await workbook.xlsx.load(attachment.content as unknown as ArrayBuffer);
          const sheet = firstRow(workbook.worksheets);
          expect(sheet.getRow(1).values).toEqual([undefined, "id", "name", "category", "unit_price"]);
          expect(sheet.rowCount).toBe(7);
        } else {
          expect(attachment.content.subarray(0, 5).toString()).toBe("%PDF-");
          expect(attachment.contentType).toBe("application/pdf");
        }
      }
    });
  }

  test("an Idempotency-Key replay returns the same run and sends nothing new", async ({ request }) => {
    const subscription = await makeSubscription();
    const headers = { "Idempotency-Key": `replay-${subscription.id}` };
    const first = await (await trigger(request, subscription.id, { headers })).json();
    const replay = await trigger(request, subscription.id, { headers });
    expect(replay.status()).toBe(202);
    expect((await replay.json()).id).toBe(first.id);
    await waitForRun(request, token, first.id);
    const again = await trigger(request, subscription.id, { headers });
    expect((await again.json()).id).toBe(first.id);
    const runs = await (
      await request.get(`/api/v1/subscriptions/${subscription.id}/runs`, { headers: bearer(token) })
    ).json();
    expect(runs.data.map((r: { id: string }) => r.id)).toEqual([first.id]);
    for (const messages of (await messagesBySubject(subscription.subject)).values()) expect(messages).toHaveLength(1);
  });

  test("an empty JSON object is an accepted body", async ({ request }) => {
    const subscription = await makeSubscription();
    expect((await trigger(request, subscription.id, { data: {} })).status()).toBe(202);
  });
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 400", () => {
  const cases: [string, { headers?: Record<string, string>; data?: unknown }][] = [
    ["a body with fields", { data: { recipients: ["x@example.com"] } }],
    ["malformed JSON", { headers: { "Content-Type": "application/json" }, data: Buffer.from("{not json") }],
    ["a JSON array", { data: [] }],
    ["an Idempotency-Key over 255 chars", { headers: { "Idempotency-Key": "k".repeat(256) } }],
  ];
  for (const [label, options] of cases) {
    test(`refuses ${label}`, async ({ request }) => {
      const subscription = await makeSubscription();
      await expectProblem(await trigger(request, subscription.id, options), 400, "invalid_request");
      const runs = await (
        await request.get(`/api/v1/subscriptions/${subscription.id}/runs`, { headers: bearer(token) })
      ).json();
      expect(runs.data).toEqual([]);
    });
  }
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 401", () => {
  test("refuses a missing token with the one invalid_token body", async ({ request }) => {
    const subscription = await makeSubscription();
    const response = await request.post(`/api/v1/subscriptions/${subscription.id}/runs`);
    expect(await expectProblem(response, 401, "invalid_token")).toEqual(INVALID_TOKEN_BODY);
  });
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 403", () => {
  test("refuses a token that may only refresh models", async ({ request }) => {
    const subscription = await makeSubscription();
    const refreshOnly = (await makeToken({ permissions: ["semantic-models:refresh"] })).token;
    const response = await request.post(`/api/v1/subscriptions/${subscription.id}/runs`, {
      headers: bearer(refreshOnly),
    });
    await expectProblem(response, 403, "insufficient_permission");
    expect(response.headers()["www-authenticate"]).toContain('error="insufficient_scope"');
  });
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 404", () => {
  for (const id of [UNKNOWN_ID, "not-a-uuid", "1%27%20or%201%3D1"]) {
    test(`refuses the id ${id}`, async ({ request }) => {
      await expectProblem(await trigger(request, id), 404, "not_found");
    });
  }
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 409", () => {
  test("refuses a paused subscription", async ({ request }) => {
    const subscription = await makeSubscription();
    const { setSubscriptionStatus } = await import("../../lib/subscriptions/repository");
    const { systemActor } = await import("../../lib/audit/record");
    await setSubscriptionStatus(subscription.id, "paused", systemActor("test fixture"));
    await expectProblem(await trigger(request, subscription.id), 409, "subscription_paused");
  });
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 413", () => {
  test("refuses a body over 64 KiB", async ({ request }) => {
    const subscription = await makeSubscription();
    const response = await trigger(request, subscription.id, {
      headers: { "Content-Type": "application/json" },
      data: JSON.stringify({ pad: "x".repeat(70_000) }),
    });
    await expectProblem(response, 413, "payload_too_large");
  });
});

test.describe("POST /api/v1/subscriptions/{id}/runs → 422", () => {
  test("refuses an Idempotency-Key reused for another subscription", async ({ request }) => {
    const [first, second] = [await makeSubscription(), await makeSubscription()];
    const headers = { "Idempotency-Key": `conflict-${first.id}` };
    expect((await trigger(request, first.id, { headers })).status()).toBe(202);
    await expectProblem(await trigger(request, second.id, { headers }), 422, "idempotency_conflict");
  });
});

test.describe("GET /api/v1/subscriptions", () => {
  test("200: pages through subscriptions with a cursor", async ({ request }) => {
    await makeSubscription();
    await makeSubscription();
    const first = await request.get("/api/v1/subscriptions?limit=1", { headers: bearer(token) });
    expect(first.status()).toBe(200);
    const page1 = await first.json();
    expect(page1.data).toHaveLength(1);
    expect(Object.keys(page1.data[0]).sort()).toEqual([
      "format",
      "id",
      "lastRunAt",
      "name",
      "reportId",
      "schedule",
      "status",
    ]);
    const page2 = await (
      await request.get(`/api/v1/subscriptions?limit=1&cursor=${page1.nextCursor}`, { headers: bearer(token) })
    ).json();
    expect(page2.data[0].id).not.toBe(page1.data[0].id);
  });

  for (const query of ["limit=0", "limit=101", "limit=abc", "cursor=garbage", "unknown=1", "limit=1&limit=2"]) {
    test(`400: refuses ?${query}`, async ({ request }) => {
      await expectProblem(
        await request.get(`/api/v1/subscriptions?${query}`, { headers: bearer(token) }),
        400,
        "invalid_request",
      );
    });
  }

  test("403: refuses a refresh-only token", async ({ request }) => {
    const refreshOnly = (await makeToken({ permissions: ["semantic-models:refresh"] })).token;
    await expectProblem(
      await request.get("/api/v1/subscriptions", { headers: bearer(refreshOnly) }),
      403,
      "insufficient_permission",
    );
  });
});

test.describe("GET /api/v1/runs/{id}", () => {
  test("404: a refresh-only token is told a subscription run does not exist, and the refusal is audited", async ({
    request,
  }) => {
    const subscription = await makeSubscription();
    const run = await (await trigger(request, subscription.id)).json();
    const refreshOnly = await makeToken({ permissions: ["semantic-models:refresh"] });
    const refused = await request.get(`/api/v1/runs/${run.id}`, { headers: bearer(refreshOnly.token) });
    const unknown = await request.get(`/api/v1/runs/${UNKNOWN_ID}`, { headers: bearer(refreshOnly.token) });
    await expectProblem(refused, 404, "not_found");
    // Byte for byte what an unknown id gets: nothing tells the two apart.
    expect(await refused.text()).toBe(await unknown.text());
    await expect
      .poll(async () => (await auditRows("api.permission-denied", { actorTokenId: refreshOnly.id })).length)
      .toBe(1);
    const [row] = await auditRows("api.permission-denied", { actorTokenId: refreshOnly.id });
    expect(row.details).toMatchObject({ permission: "subscriptions:execute" });
  });

  test("404: unknown and non-UUID ids", async ({ request }) => {
    await expectProblem(await request.get(`/api/v1/runs/${UNKNOWN_ID}`, { headers: bearer(token) }), 404, "not_found");
    await expectProblem(await request.get("/api/v1/runs/42", { headers: bearer(token) }), 404, "not_found");
  });
});

test("GET /api/v1/openapi.json describes every route", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const doc = await response.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      "/api/v1/token",
      "/api/v1/subscriptions",
      "/api/v1/subscriptions/{id}/runs",
      "/api/v1/semantic-models",
      "/api/v1/semantic-models/{id}/refreshes",
      "/api/v1/runs/{id}",
      "/api/health",
    ]),
  );
});
