import { expect, test } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { desc } from "drizzle-orm";
import { db } from "../../lib/db/client";
import { apiTokens, reports, runs, semanticModels, subscriptions } from "../../lib/db/schema";
import { digestOf } from "../../lib/tokens/format";
import { issuedTokens } from "../support/issued-tokens";
import { adminCredentials, passwordsSetInSuite } from "../support/env";

// Runs after every other project: by now the suite has created, used, revoked and failed with many tokens.
const STATIC_PAGES = [
  "/tokens",
  "/subscriptions",
  "/subscriptions/new",
  "/semantic-models",
  "/semantic-models/new",
  "/reports",
  "/reports/new",
  "/runs",
  "/audit",
  "/users",
  "/account",
];
const DETAIL_PAGES_PER_KIND = 20;

async function consolePages(): Promise<string[]> {
  const [subs, models, reps, recentRuns, tokens] = await Promise.all([
    db
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .orderBy(desc(subscriptions.createdAt))
      .limit(DETAIL_PAGES_PER_KIND),
    db
      .select({ id: semanticModels.id })
      .from(semanticModels)
      .orderBy(desc(semanticModels.createdAt))
      .limit(DETAIL_PAGES_PER_KIND),
    db.select({ id: reports.id }).from(reports).orderBy(desc(reports.createdAt)).limit(DETAIL_PAGES_PER_KIND),
    db.select({ id: runs.id }).from(runs).orderBy(desc(runs.createdAt)).limit(DETAIL_PAGES_PER_KIND),
    db.select({ id: apiTokens.id }).from(apiTokens).orderBy(desc(apiTokens.createdAt)).limit(DETAIL_PAGES_PER_KIND),
  ]);
  return [
    ...STATIC_PAGES,
    ...subs.map((s) => `/subscriptions/${s.id}`),
    ...models.map((m) => `/semantic-models/${m.id}`),
    ...reps.map((r) => `/reports/${r.id}`),
    ...recentRuns.map((r) => `/runs/${r.id}`),
    ...tokens.map((t) => `/tokens/${t.id}`),
  ];
}

function secrets(): string[] {
  const tokens = issuedTokens();
  // The random part alone, too: a hint must never reveal more than its first four characters.
  // And the session-signing secret and the passwords set through the console.
  const others = [process.env.AUTH_SECRET ?? "", adminCredentials.password, ...Object.values(passwordsSetInSuite)];
  return [...tokens.flatMap((t) => [t, t.slice(8), digestOf(t)]), ...others.filter(Boolean)];
}

test("no token, password or session secret appears in any console page's HTML or RSC payload", async ({ request }) => {
  // About 180 page loads, each checked against every secret the suite issued: more than the default minute.
  test.setTimeout(240_000);
  const needles = secrets();
  expect(needles.length).toBeGreaterThan(30);
  for (const path of await consolePages()) {
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      const response = await request.get(path, { headers });
      expect(response.status(), path).toBe(200);
      const body = await response.text();
      // One assertion per page: an expect per secret costs more than the page itself once the suite issued hundreds.
      const leaked = needles.filter((needle) => body.includes(needle)).length;
      expect(leaked, `${path} ${JSON.stringify(headers)} leaks a secret`).toBe(0);
    }
  }
});

test("no token, password or session secret appears in any log line", () => {
  const needles = secrets();
  const logDir = process.env.LOG_DIR ?? "test-results/logs";
  const files = readdirSync(logDir).filter((f) => f.endsWith(".log"));
  expect(files).toEqual(expect.arrayContaining(["web.log", "worker.log"]));
  for (const file of files) {
    const text = readFileSync(join(logDir, file), "utf8");
    expect(needles.filter((needle) => text.includes(needle)).length, `${file} leaks a secret`).toBe(0);
  }
});
