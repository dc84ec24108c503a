import { expect, test } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { bearer } from "../support/problems";
import { makeToken } from "../support/fixtures";
import { TOKEN_ROUTES } from "../support/api-routes";
import { expectProblemBody, problem } from "../support/problem-bodies";
import { startSecondServer } from "../support/second-server";

// Every token route → 429 once the token's per-minute budget is spent, on a second instance of the built app with
// a budget of one request (the main server's is too high to reach).
const PORT = Number(process.env.PORT ?? 3100) + 7;
const base = `http://127.0.0.1:${PORT}`;
const LIMIT = 1;

let server: ChildProcess;
test.beforeAll(async () => {
  server = await startSecondServer(PORT, { API_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
});
test.afterAll(() => {
  server.kill("SIGTERM");
});

for (const route of TOKEN_ROUTES) {
  test.describe(`${route.name} → 429`, () => {
    test("refuses a token over its budget, saying when to retry", async ({ request }) => {
      const { token } = await makeToken();
      // Any answer to a valid token counts, whatever its status.
      const first = await route.send(request, base, bearer(token));
      expect(first.status()).toBeLessThan(429);
      expect(first.headers()["ratelimit"]).toMatch(/^"default";r=0;t=\d+$/);

      const limited = await route.send(request, base, bearer(token));
      await expectProblemBody(limited, problem("rate_limited", `Rate limit of ${LIMIT} requests per minute exceeded.`));
      const headers = limited.headers();
      expect(Number(headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(Number(headers["retry-after"])).toBeLessThanOrEqual(60);
      expect(headers["ratelimit"]).toMatch(/^"default";r=0;t=\d+$/);
      expect(headers["ratelimit-policy"]).toBe(`"default";q=${LIMIT};w=60`);
    });
  });
}
