// Every console list query reads its rows in the order of an index: with sequential scans and sorts off, no plan of any page
// (first, next, previous; each filter) may hold a Sort node, else Postgres would sort every matching row on each
// request (SPEC §11: list pages within 300 ms on 1,000,000 runs and audit rows; the figures are in npm run bench).
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDatabaseUrl } from "../lib/db/roles";
import { processSingleton } from "../lib/util/process-singleton";

type Statement = { query: string; params: unknown[] };
const statements: Statement[] = [];

// The app's own pool, registered before any module opens it, with postgres.js's debug hook recording each statement.
const sql = processSingleton("sql", () =>
  postgres(appDatabaseUrl(), {
    max: 2,
    onnotice: () => {},
    debug: (_connection, query, params) => statements.push({ query, params: [...params] }),
  }),
);

type PlanNode = { "Node Type": string; "Index Name"?: string; Plans?: PlanNode[] };
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

/** The plan nodes of each SELECT that `load` sends, planned with sequential scans off. */
async function plansOf(load: () => Promise<unknown>): Promise<PlanNode[][]> {
  statements.length = 0;
  await load();
  // postgres.js's own look-up of array types on a new connection is not a page's.
  const selects = statements.filter((s) => /^\s*select/i.test(s.query) && !s.query.includes("pg_catalog"));
  expect(selects.length).toBeGreaterThan(0);
  const plans: PlanNode[][] = [];
  for (const s of selects)
    await sql.begin(async (tx) => {
      // On the test's few rows a sort is cheap: with sorts priced out, a plan still holding one has no index to follow.
      await tx.unsafe("set local enable_seqscan = off; set local enable_bitmapscan = off; set local enable_sort = off");
      const [row] = await tx.unsafe(`explain (format json) ${s.query}`, s.params as never[]);
      const plan = (row?.["QUERY PLAN"] as { Plan: PlanNode }[])[0]?.Plan;
      if (!plan) throw new Error("no plan");
      plans.push(nodes(plan));
    });
  return plans;
}

let lib: {
  keyset: typeof import("../lib/db/keyset-page");
  runs: typeof import("../lib/runs/console-queries");
  audit: typeof import("../lib/audit/list");
  subscriptions: typeof import("../lib/subscriptions/repository");
  tokens: typeof import("../lib/tokens/repository");
};

beforeAll(async () => {
  lib = {
    keyset: await import("../lib/db/keyset-page"),
    runs: await import("../lib/runs/console-queries"),
    audit: await import("../lib/audit/list"),
    subscriptions: await import("../lib/subscriptions/repository"),
    tokens: await import("../lib/tokens/repository"),
  };
});

afterAll(async () => {
  await sql.end();
});

const uuid = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";
const time = "2026-06-01T12:00:00.000Z";

describe("console list queries follow an index, with no sort", () => {
  const positions = () => [
    null,
    { after: [time, uuid] as [string, string] },
    { before: [time, uuid] as [string, string] },
  ];

  const cases: [string, () => (() => Promise<unknown>)[]][] = [
    [
      "/runs, each filter",
      () =>
        [{}, { status: "failed" as const }, { kind: "subscription" as const }, { trigger: "api" as const }].flatMap(
          (filter) => positions().map((p) => () => lib.runs.pageRunsForConsole(filter, p)),
        ),
    ],
    [
      "a subscription's runs",
      () => positions().map((p) => () => lib.runs.pageRunsForConsole({ subscriptionId: uuid }, p)),
    ],
    [
      "/subscriptions with each one's last run",
      () => positions().map((p) => () => lib.subscriptions.pageSubscriptionsForConsole(p)),
    ],
    ["/tokens", () => positions().map((p) => () => lib.tokens.pageTokens(p))],
    [
      "/audit, each filter and the time range",
      () =>
        [
          {},
          { action: "token.created" },
          { actor: "admin@example.com" },
          { from: new Date(time), to: new Date() },
          { action: "token.used", from: new Date(time) },
        ].flatMap((filter) =>
          [null, { after: [time, "42"] as [string, string] }, { before: [time, "42"] as [string, string] }].map(
            (p) => () => lib.audit.pageAuditEvents(filter, p),
          ),
        ),
    ],
  ];

  for (const [name, loads] of cases)
    it(name, async () => {
      for (const load of loads()) {
        const plans = await plansOf(load);
        for (const plan of plans) {
          expect(plan.map((n) => n["Node Type"])).not.toContain("Sort");
          expect(plan.some((n) => n["Node Type"].startsWith("Index"))).toBe(true);
        }
      }
    });
});
