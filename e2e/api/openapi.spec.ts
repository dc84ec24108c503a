import { expect, test } from "@playwright/test";
import { bearer } from "../support/problems";

// GET /api/v1/openapi.json — public and static: 200 is its only answer, with or without a token.

// The statuses the document lists for each operation; the API specs test each one in a describe of its own.
const DOCUMENTED_STATUSES: Record<string, Record<string, string[]>> = {
  "/api/v1/token": { get: ["200", "401", "403", "429"] },
  "/api/v1/token-leaks": { post: ["202", "400", "413", "429", "503"] },
  "/api/v1/subscriptions": { get: ["200", "400", "401", "403", "429", "503"] },
  "/api/v1/subscriptions/{id}/runs": {
    post: ["200", "202", "400", "401", "403", "404", "409", "413", "422", "429", "503"],
    get: ["200", "400", "401", "403", "404", "429", "503"],
  },
  "/api/v1/semantic-models": { get: ["200", "400", "401", "403", "429", "503"] },
  "/api/v1/semantic-models/{id}/refreshes": {
    post: ["200", "202", "400", "401", "403", "404", "413", "422", "429", "503"],
    get: ["200", "400", "401", "403", "404", "429", "503"],
  },
  "/api/v1/runs/{id}": { get: ["200", "401", "403", "404", "429", "503"] },
  "/api/v1/openapi.json": { get: ["200"] },
  "/api/health": { get: ["200", "503"] },
};

test.describe("GET /api/v1/openapi.json → 200", () => {
  test("serves the OpenAPI 3.1 document without a token, cacheable", async ({ request }) => {
    const response = await request.get("/api/v1/openapi.json");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(response.headers()["cache-control"]).toBe("public, max-age=300");
    const doc = await response.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  test("documents every route with the statuses it answers", async ({ request }) => {
    const doc = await (await request.get("/api/v1/openapi.json")).json();
    const documented = Object.fromEntries(
      Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>).map(
        ([path, operations]) => [
          path,
          Object.fromEntries(
            Object.entries(operations).map(([method, operation]) => [method, Object.keys(operation.responses).sort()]),
          ),
        ],
      ),
    );
    const expected = Object.fromEntries(
      Object.entries(DOCUMENTED_STATUSES).map(([path, operations]) => [
        path,
        Object.fromEntries(Object.entries(operations).map(([method, statuses]) => [method, [...statuses].sort()])),
      ]),
    );
    expect(documented).toEqual(expected);
  });

  test("answers the same to a request with a bad token", async ({ request }) => {
    const response = await request.get("/api/v1/openapi.json", { headers: bearer("slc_not-a-token") });
    expect(response.status()).toBe(200);
    expect((await response.json()).openapi).toBe("3.1.0");
  });
});
