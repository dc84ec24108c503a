// npm run bench -- history — the console's list pages on a long history (SPEC §11): 1,000,000 runs, 1,000,000 audit
// rows, 10,000 subscriptions and 10,000 tokens loaded with generate_series into a database of its own. Each page's
// data functions (the queries a page awaits before it renders) are timed in this process, then the pages themselves
// over HTTP from the production build with a signed-in session. Writes the "history" section of docs/benchmark.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import postgres from "postgres";
import { HISTORY, loadHistory } from "./history-data";
import { timePaths, type TimedPath } from "./history-http";
import { startProcess, stopProcess, waitForUrl } from "./processes";
import { writeSection } from "./report-file";

const DATABASE = process.env.BENCH_HISTORY_DATABASE ?? "sluice_bench_history";
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DATABASE}`;
// Each case runs once unmeasured (plans and connections warm), then this many times; the median is reported.
const REPEATS = 7;
// SPEC §11: every console list page within 300 ms of server time.
const TARGET_MS = 300;
const CHURNED_RUNS = 100_000;
// BENCH_HISTORY_HTTP=0 skips the pages over HTTP (and the build); BENCH_SKIP_BUILD=1 reuses the last build.
const OVER_HTTP = process.env.BENCH_HISTORY_HTTP !== "0";
const PORT = Number(process.env.BENCH_HISTORY_PORT ?? 3201);
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN = { email: "admin@sluice.bench", password: "bench-admin-password" };

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL,
  QUEUE_PREFIX: "sluice-bench-history",
  AUTH_SECRET: "sluice-bench-secret-not-for-production",
  LOG_LEVEL: "warn",
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: String(PORT),
  APP_URL: BASE,
  NEXTAUTH_URL: BASE,
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
};
Object.assign(process.env, env);

// `churn`: timed again once the newest runs have all been updated and not yet vacuumed (dead rows at the head of
// every runs index: the state that once took the subscriptions list from 0.3 s to 18 s).
export type HistoryCase = { page: string; label: string; load: () => Promise<unknown>; churn?: boolean };
type Timed = HistoryCase & { medianMs: number; maxMs: number };

async function time(c: HistoryCase): Promise<Timed> {
  await c.load();
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    await c.load();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(REPEATS / 2)] ?? 0;
  return { ...c, medianMs: median, maxMs: samples.at(-1) ?? 0 };
}

/** The pages from the production server, signed in as the seeded admin. */
async function timePagesOverHttp(ids: Awaited<ReturnType<typeof loadHistory>>): Promise<TimedPath[]> {
  const run = (script: string) => execFileSync("npm", ["run", "--silent", script], { env, stdio: "inherit" });
  run("db:seed");
  if (process.env.BENCH_SKIP_BUILD !== "1") run("build");
  mkdirSync("test-results", { recursive: true });
  const logFd = openSync("test-results/bench-history.log", "w");
  const web = startProcess("npm", ["run", "--silent", "start", "--", "-p", String(PORT)], env, logFd);
  try {
    await waitForUrl(`${BASE}/api/health`);
    const { historyPaths } = await import("./history-cases");
    return await timePaths(BASE, ADMIN, await historyPaths(ids), REPEATS);
  } finally {
    await stopProcess(web);
  }
}

async function main() {
  execFileSync(
    "psql",
    ["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", `drop database if exists ${DATABASE} with (force)`],
    { stdio: "inherit" },
  );
  execFileSync("npm", ["run", "--silent", "db:create"], { env, stdio: "inherit" });
  execFileSync("npm", ["run", "--silent", "db:migrate"], { env, stdio: "inherit" });

  const owner = postgres(DATABASE_URL, { onnotice: () => {} });
  const loadStart = performance.now();
  const ids = await loadHistory(owner);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  console.log(`history loaded in ${loadSeconds.toFixed(0)} s`);

  const { historyCases } = await import("./history-cases");
  const cases = await historyCases(ids);
  const timed: Timed[] = [];
  const measure = async (c: HistoryCase) => {
    const t = await time(c);
    console.log(`${t.page} ${t.label}: ${t.medianMs.toFixed(1)} ms`);
    timed.push(t);
  };
  for (const c of cases) await measure(c);
  const overHttp = OVER_HTTP ? await timePagesOverHttp(ids) : [];
  await owner.unsafe(`alter table runs set (autovacuum_enabled = false)`);
  await owner.unsafe(
    `update runs set attempts = attempts + 1 where id in (select id from runs order by created_at desc limit ${CHURNED_RUNS})`,
  );
  for (const c of cases.filter((c) => c.churn))
    await measure({
      ...c,
      label: `${c.label}, ${CHURNED_RUNS.toLocaleString("en")} newest runs updated, not vacuumed`,
    });
  await owner.end();
  const { sql } = await import("../lib/db/client");
  await sql.end();

  const report = [
    `## Console list pages on a long history`,
    ``,
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench -- history\` on ${process.env.BENCH_MACHINE ?? "this machine (2 cores, shared)"}:`,
    `${HISTORY.runs.toLocaleString("en")} runs (${HISTORY.busySubscriptionRuns.toLocaleString("en")} of them of one busy subscription), ${HISTORY.auditEvents.toLocaleString("en")} audit rows, ${HISTORY.subscriptions.toLocaleString("en")} subscriptions`,
    `and ${HISTORY.tokens.toLocaleString("en")} tokens, loaded with \`generate_series\` in ${loadSeconds.toFixed(0)} s and vacuumed. Server time here is the time of`,
    `the queries each page awaits before it renders (its data functions from \`lib/\`, called directly in one`,
    `process through the app's connection pool; no HTTP, no React rendering); median of ${REPEATS} after one warm-up call.`,
    ``,
    `| page | case | median ms | max ms | target |`,
    `| --- | --- | ---: | ---: | --- |`,
    ...timed.map(
      (t) => `| ${t.page} | ${t.label} | ${t.medianMs.toFixed(1)} | ${t.maxMs.toFixed(1)} | ≤ ${TARGET_MS} ms |`,
    ),
    ``,
    ...(overHttp.length > 0
      ? [
          `The same pages over HTTP from the production build (\`next start\`), signed in as an admin: time to the last`,
          `byte of the page, so session check, layout, the page's queries and React rendering, one request at a time.`,
          ``,
          `| page | case | URL | median ms | max ms | target |`,
          `| --- | --- | --- | ---: | ---: | --- |`,
          ...overHttp.map(
            (t) =>
              `| ${t.page} | ${t.label} | \`${t.path.length > 60 ? `${t.path.slice(0, 57)}...` : t.path}\` | ${t.medianMs.toFixed(1)} | ${t.maxMs.toFixed(1)} | ≤ ${TARGET_MS} ms |`,
          ),
          ``,
        ]
      : []),
  ].join("\n");
  console.log(report);
  writeSection("history", report);
}

await main();
