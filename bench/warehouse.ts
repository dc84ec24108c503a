// npm run bench -- warehouse — large reports (SPEC §7): a 1,000,000-row × 8-column report as CSV and Excel and a
// 100,000-row PDF, each run by a fresh worker process (so its peak RSS is that case's), against baselines measured
// in the same run: COPY of the same rows read through postgres.js, and exceljs's streaming writer fed the same rows.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { startCountingSmtp } from "./counting-smtp";
import { peakRssMiB, startProcess, stopProcess } from "./processes";
import { writeSection } from "./report-file";

const SMTP_PORT = 2528;
// BENCH_LARGE_SCALE (e.g. 0.01) shrinks every case for a quick check of the bench itself.
const SCALE = Number(process.env.BENCH_LARGE_SCALE ?? 1);
const BIG_ROWS = Math.round(1_000_000 * SCALE);
const PDF_ROWS = Math.round(100_000 * SCALE);
const LOG = "test-results/bench-warehouse.log";
// The same 8 columns in every case: ints, text, numeric, date, boolean.
const COLUMNS = "id, name, category, region, amount, quantity, sold_on, paid";
const QUERY = (rows: number) => `select ${COLUMNS} from bench_rows where id <= ${rows} order by id`;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/sluice_bench_large",
  WAREHOUSE_URL: "",
  QUEUE_PREFIX: "sluice-bench-large",
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

type Case = { label: string; seconds: number; renderSeconds: number; rssMiB: number; bytes: number; status: string };

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
      "drop database if exists sluice_bench_large with (force)",
    ],
    { stdio: "inherit" },
  );
  execFileSync("sh", ["-c", `redis-cli --scan --pattern 'sluice-bench-large:*' | xargs -r redis-cli del > /dev/null`]);
  run("db:create");
  run("db:migrate");
  run("db:seed");
  run("build:worker");

  const { warehouseOwnerSql, closeWarehouseOwnerSql } = await import("../lib/warehouse/owner");
  const owner = warehouseOwnerSql();
  await owner.unsafe(`
    create table warehouse.bench_rows as
    select g as id, 'Customer ' || g as name, (array['Hardware','Software','Services','Training'])[1 + g % 4] as category,
           (array['North','South','East','West'])[1 + g % 4] as region, round((g % 10000) * 1.37, 2)::numeric(12,2) as amount,
           g % 50 as quantity, date '2025-01-01' + (g % 365) as sold_on, g % 3 = 0 as paid
    from generate_series(1, ${BIG_ROWS}) as g;
    alter table warehouse.bench_rows add primary key (id);
    analyze warehouse.bench_rows;
  `);

  const smtp = await startCountingSmtp(SMTP_PORT);
  mkdirSync("test-results", { recursive: true });
  rmSync(LOG, { force: true });

  try {
    const copySeconds = await timeCopy(BIG_ROWS);
    const exceljsSeconds = await timeExcelJs(BIG_ROWS);
    const csv = await runCase("csv", BIG_ROWS);
    const xlsx = await runCase("xlsx", BIG_ROWS);
    const pdf = await runCase("pdf", PDF_ROWS);
    const report = formatReport({ copySeconds, exceljsSeconds, csv, xlsx, pdf, mails: smtp.received() });
    console.log(report);
    writeSection("large-reports", report);
  } finally {
    smtp.close();
    await closeWarehouseOwnerSql();
  }
}

/** A connection of its own per baseline, closed afterwards. */
async function withClient<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(env.DATABASE_URL ?? "", {
    max: 1,
    onnotice: () => {},
    connection: { search_path: "warehouse" },
  });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Baseline: COPY (query) TO STDOUT, read through postgres.js as the worker would read it. */
async function timeCopy(rows: number): Promise<number> {
  return withClient(async (sql) => {
    const started = performance.now();
    const stream = await sql.unsafe(`copy (${QUERY(rows)}) to stdout with (format csv, header)`).readable();
    let bytes = 0;
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    if (bytes === 0) throw new Error("COPY returned nothing");
    return (performance.now() - started) / 1000;
  });
}

/** Baseline: exceljs's streaming WorkbookWriter fed the same rows, read through a postgres.js cursor. */
async function timeExcelJs(rows: number): Promise<number> {
  const ExcelJS = (await import("exceljs")).default;
  const path = join(tmpdir(), `sluice-bench-exceljs-${process.pid}.xlsx`);
  const started = performance.now();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet("Report");
  sheet.columns = COLUMNS.split(", ").map((key) => ({ header: key, key }));
  await withClient((sql) =>
    sql.begin(async (tx) => {
      const query = tx.unsafe(QUERY(rows), [], {
        prepare: false,
        simple: false,
      } as unknown as postgres.UnsafeQueryOptions);
      for await (const batch of query.cursor(2_000)) for (const row of batch) sheet.addRow(Object.values(row)).commit();
    }),
  );
  sheet.commit();
  await workbook.commit();
  const seconds = (performance.now() - started) / 1000;
  rmSync(path, { force: true });
  return seconds;
}

function workerCommand(): string[] {
  const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
  return (scripts.worker ?? "node dist/worker.mjs").split(" ");
}

/** One subscription run of the report in a fresh worker; the run's own duration, its render time and peak RSS. */
async function runCase(format: "csv" | "xlsx" | "pdf", rows: number): Promise<Case> {
  const { db } = await import("../lib/db/client");
  const { reports, subscriptions } = await import("../lib/db/schema");
  const { startSubscriptionRun } = await import("../lib/runs/start");
  const { getRun } = await import("../lib/runs/queries");
  const [report] = await db
    .insert(reports)
    .values({ name: `Bench ${rows} rows ${format}`, query: QUERY(rows), keyColumn: "id" })
    .returning({ id: reports.id });
  const [subscription] = await db
    .insert(subscriptions)
    .values({ name: `bench ${format}`, reportId: report.id, format, recipients: ["r@bench.test"], subject: "bench" })
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
        return {
          label: `${rows.toLocaleString("en")} rows × 8 columns, ${format.toUpperCase()}`,
          seconds: ((current.finishedAt?.getTime() ?? 0) - (current.startedAt?.getTime() ?? 0)) / 1000,
          renderSeconds: Number(rendered?.renderMs ?? NaN) / 1000,
          rssMiB: peakRssMiB(worker.pid ?? 0),
          bytes: Number(current.result?.bytes ?? 0),
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

function formatReport(f: {
  copySeconds: number;
  exceljsSeconds: number;
  csv: Case;
  xlsx: Case;
  pdf: Case;
  mails: number;
}): string {
  const MiB = 1024 * 1024;
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  const rssRow = (c: Case) =>
    `| ${c.label}: worker peak RSS | ${c.rssMiB} MiB | ≤ 300 MiB | ${verdict(c.rssMiB <= 300)} |`;
  const csvRatio = f.csv.renderSeconds / f.copySeconds;
  const xlsxRatio = f.xlsx.renderSeconds / f.exceljsSeconds;
  const pdfRate = Math.round(PDF_ROWS / f.pdf.renderSeconds);
  return [
    `## Large reports`,
    ``,
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench -- warehouse\` on ${process.env.BENCH_MACHINE ?? "this machine (2 cores)"}:`,
    `each case is one subscription run to one recipient by a fresh worker process (production bundle), reading as`,
    `sluice_reader from a local Postgres; baselines are measured in the same run. "Render" is the worker's own`,
    `figure (cursor → writer → file); "run" adds storing the file for its download link or attaching it, and the e-mail.`,
    ``,
    `| case | run | render | file | status |`,
    `| --- | ---: | ---: | ---: | --- |`,
    ...[f.csv, f.xlsx, f.pdf].map(
      (c) =>
        `| ${c.label} | ${c.seconds.toFixed(1)} s | ${c.renderSeconds.toFixed(1)} s | ${(c.bytes / MiB).toFixed(1)} MiB | ${c.status} |`,
    ),
    `| baseline: \`COPY (query) TO STDOUT\` of the ${BIG_ROWS.toLocaleString("en")} rows through postgres.js | — | ${f.copySeconds.toFixed(1)} s | — | — |`,
    `| baseline: exceljs streaming WorkbookWriter fed the same rows from a postgres.js cursor | — | ${f.exceljsSeconds.toFixed(1)} s | — | — |`,
    ``,
    `| target | measured | target | |`,
    `| --- | ---: | --- | --- |`,
    rssRow(f.csv),
    rssRow(f.xlsx),
    rssRow(f.pdf),
    `| CSV render ÷ COPY | ${csvRatio.toFixed(2)}× | ≤ 3× | ${verdict(csvRatio <= 3)} |`,
    `| Excel render ÷ exceljs streaming writer | ${xlsxRatio.toFixed(2)}× | ≤ 1.5× | ${verdict(xlsxRatio <= 1.5)} |`,
    `| PDF rows per second | ${pdfRate.toLocaleString("en")} | ≥ 5,000 | ${verdict(pdfRate >= 5_000)} |`,
    ``,
    `${f.mails} e-mails received by the local SMTP sink.`,
    ``,
  ].join("\n");
}

await main();
process.exit(0);
