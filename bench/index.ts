// npm run bench — the production build under load, with Postgres, Redis, the worker and a local SMTP sink,
// reported as ratios to a no-op route measured in the same run; then the large-report cases (bench/warehouse.ts).
// `npm run bench -- warehouse` runs only the latter, `npm run bench -- history` only the console list pages on a long
// history (bench/history.ts), `npm run bench -- bursting` only the per-recipient reports (bench/bursting.ts),
// `npm run bench -- api` only the API's ratios to the no-op route, printed and not written. Writes docs/benchmark.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, openSync, writeFileSync } from "node:fs";
import { startCountingSmtp } from "./counting-smtp";
import { benchDeliveries } from "./deliveries";
import { medianDelivery, type DeliveryFigure } from "./delivery";
import { load, CONNECTIONS, DURATION_SECONDS, type LoadResult } from "./load";
import { cpuSeconds, peakRssMiB, startProcess, stopProcess, waitForUrl } from "./processes";
import { writeSection } from "./report-file";

// BENCH_CASES=webhooks (or core, or core,webhooks — the default) runs only those cases; BENCH_SKIP_BUILD=1 reuses
// the last build.
// A worker left running by an earlier bench (same database, same prefix) would take this run's jobs with its own
// code: BENCH_DATABASE and BENCH_QUEUE_PREFIX give a run names of its own.
const DATABASE = process.env.BENCH_DATABASE ?? "sluice_bench";
const PREFIX = process.env.BENCH_QUEUE_PREFIX ?? "sluice-bench";
const API_ONLY = process.argv[2] === "api";
const CASES = API_ONLY
  ? new Set(["api"])
  : new Set((process.env.BENCH_CASES ?? "core,webhooks").split(",").map((c) => c.trim()));

// BENCH_PORT: another port when 3200 is taken on the machine.
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const SMTP_PORT = 2527;
const BASE = `http://127.0.0.1:${PORT}`;
const TOKEN_COUNT = 1_000;
const REPORT_ROWS = 100;
const RECIPIENTS = 50;
const REFRESH_VALUES = 100_000;
const WARM_UP_SECONDS = 3;
const DELIVERY_RUNS = 3;
// Postgres pools of the two processes (lib/db/client.ts, lib/runs/lifecycle-lock.ts, lib/warehouse/client.ts).
const POOL_SIZES = "web 10 + warehouse reader; worker 10 + 5 run locks + warehouse reader";

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${DATABASE}`,
  QUEUE_PREFIX: PREFIX,
  PORT: String(PORT),
  APP_URL: BASE,
  NEXTAUTH_URL: BASE,
  AUTH_SECRET: "sluice-bench-secret-not-for-production",
  ADMIN_EMAIL: "admin@sluice.bench",
  ADMIN_PASSWORD: "bench-admin-password",
  SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
  // The benchmark measures throughput, not the limiter's refusals.
  API_RATE_LIMIT_PER_MINUTE: "100000000",
  API_INVALID_TOKEN_LIMIT_PER_MINUTE: "100000000",
  LOG_LEVEL: "warn",
  WORKER_CONCURRENCY: "4",
  // The webhook case posts to a receiver on 127.0.0.1.
  WEBHOOK_ALLOW_PRIVATE: "true",
};
Object.assign(process.env, env);

const run = (script: string) => execFileSync("npm", ["run", "--silent", script], { env, stdio: "inherit" });

async function main() {
  execFileSync(
    "psql",
    ["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", `drop database if exists ${DATABASE} with (force)`],
    { stdio: "inherit" },
  );
  execFileSync("sh", ["-c", `redis-cli --scan --pattern '${PREFIX}:*' | xargs -r redis-cli del > /dev/null`]);
  run("db:create");
  run("db:migrate");
  run("db:seed");
  if (process.env.BENCH_SKIP_BUILD !== "1") run("build");

  const smtp = await startCountingSmtp(SMTP_PORT);

  mkdirSync("test-results", { recursive: true });
  const logFd = openSync("test-results/bench.log", "w");
  const web = startProcess("npm", ["run", "--silent", "start", "--", "-p", String(PORT)], env, logFd);
  const worker = startProcess("npm", ["run", "--silent", "worker"], env, logFd);
  try {
    await waitForUrl(`${BASE}/api/health`);
    const data = await import("./data");
    const tokens = await data.createTokens(TOKEN_COUNT);
    mkdirSync("docs", { recursive: true });
    if (CASES.has("api")) console.log(formatApiTable(await apiCases(data, tokens, web.pid ?? 0)));
    if (CASES.has("core")) await coreCases(data, tokens, smtp.received, { web: web.pid ?? 0, worker: worker.pid ?? 0 });
    if (CASES.has("webhooks")) {
      const webhooks = await import("./webhooks");
      const figures = await webhooks.runWebhookCases(BASE, tokens);
      await data.waitForIdle(300_000);
      const report = [
        `# Benchmark: webhooks and Prefer: wait`,
        ``,
        `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`BENCH_CASES=webhooks npm run bench\` on ${process.env.BENCH_MACHINE ?? "this machine (2 cores)"}: production build, worker running, Postgres and Redis local.`,
        ``,
        webhooks.formatWebhookReport(figures, POOL_SIZES),
      ].join("\n");
      console.log(report);
      writeFileSync("docs/benchmark-webhooks.md", report);
    }
    await data.close();
  } finally {
    await Promise.all([stopProcess(web), stopProcess(worker)]);
    smtp.close();
  }
}

type ApiFigures = Pick<Figures, "noop" | "triggers" | "triggersWithWorker" | "badChecksum">;

/** The API under load, as ratios to the no-op route measured in the same run. */
async function apiCases(data: typeof import("./data"), tokens: string[], webPid: number): Promise<ApiFigures> {
  // The web server's CPU and its database's, per request: robust to whatever else the machine runs meanwhile.
  const cpu = () => cpuSeconds(webPid, DATABASE);
  // The trigger load measures the API: its runs are cheap CSV mails so the worker, on the same two cores, stays light.
  const light = await data.createSubscription({ rows: 5, recipients: 1, format: "csv" });

  const noopLoad = (seconds?: number) => load("no-op route (GET /api/ping)", `${BASE}/api/ping`, { seconds, cpu });
  const triggerLoad = (label: string, seconds?: number) =>
    load(label, `${BASE}/api/v1/subscriptions/${light}/runs`, {
      method: "POST",
      headersFor: (i) => ({ Authorization: `Bearer ${tokens[i % tokens.length]}` }),
      seconds,
      cpu,
    });
  const badChecksumLoad = (seconds?: number) =>
    load("bad-checksum token", `${BASE}/api/v1/subscriptions/${light}/runs`, {
      method: "POST",
      headersFor: () => ({ Authorization: `Bearer ${data.badChecksumToken()}` }),
      seconds,
      cpu,
    });

  // On two shared cores the worker's sending competes with the API for CPU: the API is measured alone first
  // (worker paused), then with the worker draining the backlog at the same time.
  await data.setWorkerPaused(true);
  // Warm-up, unreported: the JIT should have compiled every path before any case counts.
  for (const warmUp of [noopLoad, (seconds: number) => triggerLoad("warm-up", seconds), badChecksumLoad])
    await warmUp(WARM_UP_SECONDS);
  const noop = await noopLoad();
  const triggers = await triggerLoad(`POST /subscriptions/{id}/runs, ${TOKEN_COUNT} rotating tokens, worker paused`);
  const badChecksum = await badChecksumLoad();
  await data.setWorkerPaused(false);
  const triggersWithWorker = await triggerLoad(
    `POST /subscriptions/{id}/runs, ${TOKEN_COUNT} rotating tokens, worker sending meanwhile`,
  );
  await data.waitForIdle(300_000);
  return { noop, triggers, triggersWithWorker, badChecksum };
}

/** The API and worker cases (docs/benchmark.md). */
async function coreCases(
  data: typeof import("./data"),
  tokens: string[],
  delivered: () => number,
  pids: { web: number; worker: number },
): Promise<void> {
  const { noop, triggers, triggersWithWorker, badChecksum } = await apiCases(data, tokens, pids.web);
  const heavy = await data.createSubscription({ rows: REPORT_ROWS, recipients: RECIPIENTS, format: "pdf" });
  const sentBefore = delivered();
  // The first PDF of a process also loads pdfkit and its fonts; the median of a few runs is the steady rate.
  const deliveryRuns = [];
  for (let i = 0; i < DELIVERY_RUNS; i++)
    deliveryRuns.push(await data.triggerAndWait(`${BASE}/api/v1/subscriptions/${heavy}/runs`, tokens[0]));
  const deliveryRun = deliveryRuns.sort((a, b) => a.seconds - b.seconds)[Math.floor(DELIVERY_RUNS / 2)];
  const deliverySeconds = deliveryRun.seconds;
  const deliveriesPerSecond = Math.round(RECIPIENTS / deliverySeconds);
  const otherFormats: DeliveryFigure[] = [];
  for (const format of ["xlsx", "csv"] as const)
    otherFormats.push(
      await medianDelivery(data, BASE, tokens, {
        format,
        rows: REPORT_ROWS,
        recipients: RECIPIENTS,
        runs: DELIVERY_RUNS,
      }),
    );

  const model = await data.createLargeModel(REFRESH_VALUES);
  const refreshRun = await data.triggerAndWait(`${BASE}/api/v1/semantic-models/${model}/refreshes`, tokens[0]);

  const rss = { web: peakRssMiB(pids.web), worker: peakRssMiB(pids.worker) };
  const report = formatReport({
    noop,
    triggers,
    triggersWithWorker,
    badChecksum,
    deliveriesPerSecond,
    deliverySeconds,
    deliveryStatus: deliveryRun.status,
    otherFormats,
    mails: delivered() - sentBefore,
    refreshSeconds: refreshRun.seconds,
    refreshStatus: refreshRun.status,
    rss,
  });
  console.log(report);
  mkdirSync("docs", { recursive: true });
  writeSection("core", report);
}

type Figures = {
  noop: LoadResult;
  triggers: LoadResult;
  triggersWithWorker: LoadResult;
  badChecksum: LoadResult;
  deliveriesPerSecond: number;
  deliverySeconds: number;
  deliveryStatus: string;
  otherFormats: DeliveryFigure[];
  mails: number;
  refreshSeconds: number;
  refreshStatus: string;
  rss: { web: number; worker: number };
};

function apiRows(f: ApiFigures): string[] {
  const ratio = (r: LoadResult) => `${Math.round((100 * r.requestsPerSecond) / f.noop.requestsPerSecond)} %`;
  const cpuMs = (r: LoadResult) => (r.cpuMsPerRequest === undefined ? "—" : r.cpuMsPerRequest.toFixed(2));
  // What the case would serve of the no-op's rate if CPU were all that limited both.
  const cpuRatio = (r: LoadResult) =>
    r.cpuMsPerRequest && f.noop.cpuMsPerRequest
      ? `${Math.round((100 * f.noop.cpuMsPerRequest) / r.cpuMsPerRequest)} %`
      : "—";
  const row = (r: LoadResult, target: string) =>
    `| ${r.label} | ${r.requestsPerSecond} | ${ratio(r)} | ${r.p99Ms} | ${r.non2xx} | ${r.errors} | ${cpuMs(r)} | ${cpuRatio(r)} | ${target} |`;
  return [
    `| case | req/s | of no-op | p99 ms | non-2xx | errors | CPU ms/req (web + Postgres) | of no-op by CPU | target |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |`,
    row(f.noop, "baseline"),
    row(f.triggers, "≥ 75 %, p99 ≤ 150 ms"),
    row(f.triggersWithWorker, "—"),
    row(f.badChecksum, "≥ 95 % (all 401)"),
  ];
}

function formatApiTable(f: ApiFigures): string {
  return [
    `API, autocannon with ${CONNECTIONS} connections for ${DURATION_SECONDS} s per case:`,
    ``,
    ...apiRows(f),
    ``,
  ].join("\n");
}

function formatReport(f: Figures): string {
  return [
    `# Benchmark`,
    ``,
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench\` on ${process.env.BENCH_MACHINE ?? "this machine (2 cores)"}: production build (\`next start\`),`,
    `worker running, Postgres and Redis local, autocannon with ${CONNECTIONS} connections for ${DURATION_SECONDS} s per case.`,
    ``,
    ...apiRows(f),
    ``,
    `| worker | figure | target |`,
    `| --- | ---: | --- |`,
    `| deliveries/s, ${REPORT_ROWS}-row PDF report to ${RECIPIENTS} recipients, median of ${DELIVERY_RUNS} runs (${f.deliveryStatus}, ${f.mails} mails received in all, ${f.deliverySeconds.toFixed(2)} s from start to finish of the run) | ${f.deliveriesPerSecond} | ≥ 500/s |`,
    ...f.otherFormats.map(
      (d) =>
        `| deliveries/s, ${REPORT_ROWS}-row ${d.format} report to ${RECIPIENTS} recipients, median of ${DELIVERY_RUNS} runs (${d.status}, ${d.seconds.toFixed(2)} s from start to finish of the run) | ${d.deliveriesPerSecond} | — |`,
    ),
    `| ${REFRESH_VALUES.toLocaleString("en")}-value semantic refresh (run ${f.refreshStatus}) | ${f.refreshSeconds.toFixed(2)} s | ≤ 3 s |`,
    `| peak RSS web | ${f.rss.web} MiB | ≤ 250 MiB |`,
    `| peak RSS worker | ${f.rss.worker} MiB | ≤ 200 MiB |`,
    ``,
    `The bad-checksum case answers 401 by design; its non-2xx column counts those.`,
    ``,
  ].join("\n");
}

// The large-report cases run in a process of their own: they use another database, hence another environment.
const runLargeReports = () =>
  execFileSync("node_modules/.bin/tsx", ["bench/warehouse.ts"], { stdio: "inherit", env: process.env });
const runHistory = () =>
  execFileSync("node_modules/.bin/tsx", ["bench/history.ts"], { stdio: "inherit", env: process.env });
const runPerRecipientReports = () =>
  execFileSync("node_modules/.bin/tsx", ["bench/bursting.ts"], { stdio: "inherit", env: process.env });
if (process.env.BENCH_ONLY === "deliveries") await benchDeliveries(env);
else if (process.argv[2] === "warehouse") runLargeReports();
else if (API_ONLY) await main();
else if (process.argv[2] === "history") runHistory();
else if (process.argv[2] === "bursting") runPerRecipientReports();
else {
  await main();
  runLargeReports();
  runHistory();
  runPerRecipientReports();
}
