// BENCH_ONLY=deliveries npm run bench — only the worker's delivery rate: no web build, no HTTP load. Runs are
// started through lib/runs like the console's Run now, and timed by the worker's own startedAt / finishedAt.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, openSync } from "node:fs";
import { startCountingSmtp } from "./counting-smtp";
import { startProcess, stopProcess } from "./processes";

const SMTP_PORT = 2527;
const REPORT_ROWS = 100;
// More recipients than the full bench's 50 make one run long enough to time well; both can be asked for.
const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS || 50);
const DELIVERY_RUNS = Number(process.env.BENCH_DELIVERY_RUNS || 5);
const RUN_TIMEOUT_MS = 300_000;
const POLL_MS = 50;

export async function benchDeliveries(env: NodeJS.ProcessEnv): Promise<void> {
  const run = (script: string) => execFileSync("npm", ["run", "--silent", script], { env, stdio: "inherit" });
  execFileSync(
    "psql",
    ["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", "drop database if exists sluice_bench with (force)"],
    { stdio: "inherit" },
  );
  execFileSync("sh", ["-c", `redis-cli --scan --pattern 'sluice-bench:*' | xargs -r redis-cli del > /dev/null`]);
  run("db:create");
  run("db:migrate");
  run("db:seed");
  run("build:worker");

  const smtp = await startCountingSmtp(SMTP_PORT);
  mkdirSync("test-results", { recursive: true });
  // The worker itself, not `npm run worker`: stopping npm can leave its child running, and a worker left over from
  // an earlier bench would take this bench's jobs.
  const worker = startProcess(
    process.execPath,
    ["--enable-source-maps", "dist/worker.mjs"],
    env,
    openSync("test-results/bench.log", "w"),
  );
  const data = await import("./data");
  const { startSubscriptionRun } = await import("../lib/runs/start");
  const { db } = await import("../lib/db/client");
  const { runs } = await import("../lib/db/schema");
  const { eq } = await import("drizzle-orm");
  try {
    const subscription = await data.createSubscription({ rows: REPORT_ROWS, recipients: RECIPIENTS, format: "pdf" });
    const seconds: number[] = [];
    for (let i = 0; i < DELIVERY_RUNS; i++) {
      const { run: started } = await startSubscriptionRun(subscription, { trigger: "console", userId: randomUUID() });
      const deadline = Date.now() + RUN_TIMEOUT_MS;
      for (;;) {
        const [row] = await db.select().from(runs).where(eq(runs.id, started.id));
        if (row.status === "failed") throw new Error(`bench run failed: ${row.error?.message}`);
        if (row.status === "succeeded" && row.startedAt && row.finishedAt) {
          seconds.push((row.finishedAt.getTime() - row.startedAt.getTime()) / 1000);
          break;
        }
        if (Date.now() > deadline) throw new Error("bench run did not finish in time");
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    }
    const sorted = [...seconds].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(
      `deliveries/s, ${REPORT_ROWS}-row PDF report to ${RECIPIENTS} recipients, median of ${DELIVERY_RUNS} runs: ` +
        `${Math.round(RECIPIENTS / median)} (runs: ${seconds.map((s) => s.toFixed(3)).join(", ")} s; ` +
        `${smtp.received()} mails received)`,
    );
    await data.close();
  } finally {
    await stopProcess(worker);
    smtp.close();
  }
}
