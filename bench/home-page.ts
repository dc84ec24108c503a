// npm run bench:home — the home page's queries at 1,000,000 runs (and as many deliveries), against a fresh
// `sluice_bench_home` database. Reports each query's median and p95 over repeated calls, the whole page's queries
// as the page runs them (in parallel), and, as the ratio in the same run, counting the same 30 days straight from
// `runs` — what the rollup saves. Writes docs/benchmark-home.md. Run it under `flock /tmp/sluice-bench.lock`.
// BENCH_PHASE=load only makes and fills the database (no timing: it may run outside the lock); BENCH_PHASE=measure
// only times the queries against a database filled earlier.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const DATABASE = process.env.BENCH_DATABASE ?? "sluice_bench_home";
const RUNS = Number(process.env.BENCH_RUNS ?? 1_000_000);
// Runs spread over this many days back, as a year of history under the default retention would be.
const HISTORY_DAYS = 400;
const BATCH = 100_000;
const REPEATS = 30;
// What the home page must stay under (SPEC §11 holds list pages to the same).
const TARGET_MS = 300;

const env = {
  ...process.env,
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${DATABASE}`,
  AUTH_SECRET: "sluice-bench-secret-not-for-production",
  ADMIN_EMAIL: "admin@sluice.bench",
  ADMIN_PASSWORD: "bench-admin-password",
  LOG_LEVEL: "warn",
};
Object.assign(process.env, env);

const run = (script: string) => execFileSync("npm", ["run", "--silent", script], { env, stdio: "inherit" });

type Timing = { median: number; p95: number };

async function time(what: () => Promise<unknown>): Promise<Timing> {
  await what(); // warm: plans cached, pages in memory, as on a page that is visited at all
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await what();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

const PHASE = process.env.BENCH_PHASE ?? "all";

async function main() {
  const { sql } = await import("../lib/db/client");
  let loadSeconds = NaN;
  if (PHASE !== "measure") loadSeconds = await load(sql);
  if (PHASE !== "load") await measure(sql, loadSeconds);
  await sql.end();
}

async function load(sql: (typeof import("../lib/db/client"))["sql"]): Promise<number> {
  execFileSync(
    "psql",
    ["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", `drop database if exists ${DATABASE} with (force)`],
    { stdio: "inherit" },
  );
  run("db:create");
  run("db:migrate");
  run("db:seed");

  const [subscription] = await sql<{ id: string }[]>`select id from subscriptions limit 1`;
  const [model] = await sql<{ id: string }[]>`select id from semantic_models limit 1`;
  if (!subscription || !model) throw new Error("seed missing");

  // Load: finished runs in batches (each batch one statement, so the rollup triggers aggregate once per batch), 92 %
  // succeeded and 8 % failed; one delivery per subscription run.
  const loadStarted = performance.now();
  for (let offset = 0; offset < RUNS; offset += BATCH) {
    const size = Math.min(BATCH, RUNS - offset);
    await sql`
      with made as (
        insert into runs (kind, status, subscription_id, semantic_model_id, trigger, created_at, started_at, finished_at,
                          attempts, error)
        select kind, status, case when kind = 'subscription' then ${subscription.id}::uuid end,
               case when kind <> 'subscription' then ${model.id}::uuid end, 'api', at, at,
               at + interval '3 seconds', 1,
               case when status = 'failed' then jsonb_build_object('message', 'bench failure ' || g) end
        from (
          select g,
                 (case when g % 4 = 0 then 'semantic-model-refresh' else 'subscription' end)::run_kind as kind,
                 (case when g % 100 < 92 then 'succeeded' else 'failed' end)::run_status
                   as status,
                 now() - (g::double precision / ${RUNS}) * ${HISTORY_DAYS}::int * interval '1 day' as at
          from generate_series(${offset + 1}::int, ${offset + size}::int) g
        ) s
        returning id, kind, status, finished_at
      )
      insert into deliveries (run_id, recipient, status, at)
      select id, 'someone@example.com', case when status = 'failed' then 'failed' else 'sent' end, finished_at
      from made where kind = 'subscription'`;
  }
  await sql`analyze`;
  return (performance.now() - loadStarted) / 1000;
}

async function measure(sql: (typeof import("../lib/db/client"))["sql"], loadSeconds: number) {
  const [counts] = await sql<{ runs: string; deliveries: string }[]>`
    select (select count(*) from runs) as runs, (select count(*) from deliveries) as deliveries`;

  const { runsPerDay, deliveriesPerDay } = await import("../lib/overview/daily");
  const { expiringTokens, latestFailures, upcomingScheduledRuns, webhookHealth } =
    await import("../lib/overview/attention");
  const cases: Array<[string, () => Promise<unknown>]> = [
    ["runs per day (rollup)", () => runsPerDay()],
    ["deliveries per day (rollup)", () => deliveriesPerDay()],
    ["next 24 hours of schedules", () => upcomingScheduledRuns()],
    ["tokens expiring within 7 days", () => expiringTokens()],
    ["latest failures (runs_failed_idx)", () => latestFailures()],
    ["failing webhook endpoints", () => webhookHealth()],
    [
      "the whole page, in parallel as it runs them",
      () =>
        Promise.all([
          runsPerDay(),
          deliveriesPerDay(),
          upcomingScheduledRuns(),
          latestFailures(),
          expiringTokens(),
          webhookHealth(),
        ]),
    ],
    [
      "for comparison: runs per day counted from `runs` itself",
      () => sql`
        select (finished_at at time zone 'UTC')::date as day, kind, status, count(*)
        from runs where finished_at >= now() - interval '30 days' and status in ('succeeded', 'failed')
        group by 1, 2, 3`,
    ],
  ];
  const rows: string[] = [];
  const figures: Record<string, Timing> = {};
  for (const [name, what] of cases) {
    figures[name] = await time(what);
    rows.push(`| ${name} | ${figures[name].median.toFixed(1)} | ${figures[name].p95.toFixed(1)} |`);
    console.log(rows.at(-1));
  }
  const plan = await sql<{ "QUERY PLAN": string }[]>`
    explain select id from runs where status = 'failed' order by finished_at desc limit 10`;
  const page = figures["the whole page, in parallel as it runs them"];
  const direct = figures["for comparison: runs per day counted from `runs` itself"];
  const runsChart = figures["runs per day (rollup)"];
  const report = [
    `# Home page queries at ${Number(counts?.runs).toLocaleString("en-US")} runs`,
    "",
    `\`npm run bench:home\`, ${new Date().toISOString().slice(0, 10)}: ${Number(counts?.runs).toLocaleString("en-US")} runs and ` +
      `${Number(counts?.deliveries).toLocaleString("en-US")} deliveries over ${HISTORY_DAYS} days` +
      (Number.isNaN(loadSeconds) ? "" : ` (loaded in ${loadSeconds.toFixed(0)} s, the rollup triggers included)`) +
      `, each query ${REPEATS} times after one warm-up, ` +
      "in one process on the 2-core machine, milliseconds:",
    "",
    "| query | median | p95 |",
    "| --- | ---: | ---: |",
    ...rows,
    "",
    `The page's queries together: ${page?.median.toFixed(1)} ms median, ${page?.p95.toFixed(1)} ms p95 ` +
      `(target ≤ ${TARGET_MS} ms). The runs chart reads the rollup in ${runsChart?.median.toFixed(1)} ms against ` +
      `${direct?.median.toFixed(1)} ms counting the same 30 days from \`runs\` ` +
      `(${direct && runsChart ? (direct.median / runsChart.median).toFixed(0) : "?"}× as long).`,
    "",
    "Plan of the latest failures:",
    "",
    "```",
    ...plan.map((line) => line["QUERY PLAN"]),
    "```",
    "",
  ].join("\n");
  writeFileSync("docs/benchmark-home.md", report);
  console.log(report);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
