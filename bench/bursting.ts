// npm run bench -- bursting — per-recipient reports (SPEC §10): 1,000 recipients across 50 filter values of a
// 100,000-row CSV report, run by a fresh worker process (so its peak RSS is that case's), against the same report
// rendered whole once, measured in the same run.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { startCountingSmtp } from "./counting-smtp";
import { peakRssMiB, startProcess, stopProcess } from "./processes";
import { writeSection } from "./report-file";

const SMTP_PORT = 2529;
// BENCH_BURST_SCALE (e.g. 0.1) shrinks the report for a quick check of the bench itself.
const SCALE = Number(process.env.BENCH_BURST_SCALE ?? 1);
const ROWS = Math.round(100_000 * SCALE);
const VALUES = 50;
const RECIPIENTS = 1_000;
const LOG = "test-results/bench-bursting.log";
const QUERY = `select id, name, segment, region, amount, quantity, sold_on, paid from bench_rows order by id`;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/sluice_bench_burst",
  WAREHOUSE_URL: "",
  QUEUE_PREFIX: "sluice-bench-burst",
  APP_URL: "http://127.0.0.1:3200",
  AUTH_SECRET: "sluice-bench-secret-not-for-production",
  ADMIN_EMAIL: "admin@sluice.bench",
  ADMIN_PASSWORD: "bench-admin-password",
  SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
  LOG_LEVEL: "info",
  WORKER_CONCURRENCY: "4",
};
Object.assign(process.env, env);

const run = (script: string) => execFileSync("npm", ["run", "--silent", script], { env, stdio: "inherit" });

type Case = { label: string; seconds: number; renderSeconds: number | null; rssMiB: number; status: string };

async function main() {
  execFileSync(
    "psql",
    [
      "-h",
      "127.0.0.1",
      "-U",
      "postgres",
      "-d",
      "postgres",
      "-qc",
      "drop database if exists sluice_bench_burst with (force)",
    ],
    { stdio: "inherit" },
  );
  execFileSync("sh", ["-c", `redis-cli --scan --pattern 'sluice-bench-burst:*' | xargs -r redis-cli del > /dev/null`]);
  run("db:create");
  run("db:migrate");
  run("db:seed");
  run("build:worker");

  const { warehouseOwnerSql, closeWarehouseOwnerSql } = await import("../lib/warehouse/owner");
  await warehouseOwnerSql().unsafe(`
    create table warehouse.bench_rows as
    select g as id, 'Customer ' || g as name, 'segment-' || (g % ${VALUES}) as segment,
           (array['North','South','East','West'])[1 + g % 4] as region, round((g % 10000) * 1.37, 2)::numeric(12,2) as amount,
           g % 50 as quantity, date '2025-01-01' + (g % 365) as sold_on, g % 3 = 0 as paid
    from generate_series(1, ${ROWS}) as g;
    alter table warehouse.bench_rows add primary key (id);
    create index on warehouse.bench_rows (segment);
    analyze warehouse.bench_rows;
  `);

  const smtp = await startCountingSmtp(SMTP_PORT);
  mkdirSync("test-results", { recursive: true });
  rmSync(LOG, { force: true });
  const recipients = Array.from({ length: RECIPIENTS }, (_, i) => `r${i}@bench.test`);
  try {
    const whole = await runCase("the whole report to 1 recipient", { recipients: ["whole@bench.test"] });
    const burst = await runCase(
      `${RECIPIENTS.toLocaleString("en")} recipients across ${VALUES} filter values (one render per value)`,
      {
        recipients,
        recipientsMode: "filter",
        recipientFilterValues: recipients.map((_, i) => `segment-${i % VALUES}`),
        filterColumn: "segment",
      },
    );
    const report = formatReport({ whole, burst, mails: smtp.received() });
    console.log(report);
    writeSection("per-recipient-reports", report);
  } finally {
    smtp.close();
    await closeWarehouseOwnerSql();
  }
}

function workerCommand(): string[] {
  const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
  return (scripts.worker ?? "node dist/worker.mjs").split(" ");
}

/** One subscription run in a fresh worker: the run's own duration, the worker's render time (whole report) and RSS. */
async function runCase(
  label: string,
  recipients: {
    recipients: string[];
    recipientsMode?: "filter";
    recipientFilterValues?: string[];
    filterColumn?: string;
  },
): Promise<Case> {
  const { db } = await import("../lib/db/client");
  const { reports, subscriptions } = await import("../lib/db/schema");
  const { startSubscriptionRun } = await import("../lib/runs/start");
  const { getRun } = await import("../lib/runs/queries");
  const [report] = await db
    .insert(reports)
    .values({ name: `Bench ${label}`, query: QUERY, keyColumn: "id" })
    .returning({ id: reports.id });
  const [subscription] = await db
    .insert(subscriptions)
    .values({ name: `bench ${label}`, reportId: report.id, format: "csv", subject: "bench", ...recipients })
    .returning({ id: subscriptions.id });

  const logFd = openSync(LOG, "a");
  const startedBefore = countLog("worker started");
  // Exactly as `npm run worker` starts it (heap cap included), without npm in between, so the RSS is the worker's.
  const [command = "node", ...args] = workerCommand();
  const worker = startProcess(command, args, env, logFd);
  try {
    await waitForLog("worker started", startedBefore);
    const { run } = await startSubscriptionRun(subscription.id, { trigger: "console", userId: randomUUID() });
    for (;;) {
      const current = await getRun(run.id);
      if (current && (current.status === "succeeded" || current.status === "failed")) {
        const rendered = logLine(run.id, "report rendered");
        const perValue = logLines().filter(
          (line) => line.runId === run.id && line.msg === "report rendered for a filter value",
        );
        return {
          label,
          seconds: ((current.finishedAt?.getTime() ?? 0) - (current.startedAt?.getTime() ?? 0)) / 1000,
          renderSeconds: rendered
            ? Number(rendered.renderMs) / 1000
            : perValue.length
              ? perValue.reduce((sum, line) => sum + Number(line.renderMs), 0) / 1000
              : null,
          rssMiB: peakRssMiB(worker.pid ?? 0),
          status: current.status === "failed" ? `failed: ${current.error?.message}` : current.status,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await stopProcess(worker);
  }
}

function logLines(): Record<string, unknown>[] {
  return readFileSync(LOG, "utf8")
    .split("\n")
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

function logLine(runId: string, msg: string): Record<string, unknown> | undefined {
  return logLines().find((line) => line.runId === runId && line.msg === msg);
}

function countLog(msg: string): number {
  return existsSync(LOG) ? logLines().filter((line) => line.msg === msg).length : 0;
}

async function waitForLog(msg: string, seen: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (countLog(msg) <= seen) {
    if (Date.now() > deadline) throw new Error(`the worker did not log "${msg}"`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function formatReport(f: { whole: Case; burst: Case; mails: number }): string {
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  const renderOnce = f.whole.renderSeconds ?? f.whole.seconds;
  const ratio = f.burst.seconds / renderOnce;
  return [
    `## Per-recipient reports`,
    ``,
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench -- bursting\` on ${process.env.BENCH_MACHINE ?? "this machine (2 cores)"}:`,
    `a ${ROWS.toLocaleString("en")}-row × 8-column CSV report (an index on the filter column), each case one run by a`,
    `fresh worker process (production bundle) reading as sluice_reader from a local Postgres, e-mails to a local SMTP`,
    `sink. "Run" is the run's own duration (start to finish); "render" the worker's own figure: the whole report's one`,
    `render, or the sum of the renders of the 50 values (two at a time, while other values' e-mails go out).`,
    ``,
    `| case | run | render | worker peak RSS | status |`,
    `| --- | ---: | ---: | ---: | --- |`,
    ...[f.whole, f.burst].map(
      (c) =>
        `| ${c.label} | ${c.seconds.toFixed(2)} s | ${c.renderSeconds === null ? "—" : `${c.renderSeconds.toFixed(2)} s`} | ${c.rssMiB} MiB | ${c.status} |`,
    ),
    ``,
    `| target | measured | target | |`,
    `| --- | ---: | --- | --- |`,
    `| per-recipient run ÷ one whole render | ${ratio.toFixed(2)}× | ≤ 2× | ${verdict(ratio <= 2)} |`,
    `| per-recipient run: worker peak RSS | ${f.burst.rssMiB} MiB | ≤ 300 MiB | ${verdict(f.burst.rssMiB <= 300)} |`,
    ``,
    `${f.mails} e-mails received by the local SMTP sink.`,
    ``,
  ].join("\n");
}

await main();
process.exit(0);
