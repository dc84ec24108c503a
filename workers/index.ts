import { hostname } from "node:os";
import { Worker } from "bullmq";
import { sql } from "../lib/db/client";
import { env } from "../lib/env";
import { log } from "../lib/log";
import { closeMailSender } from "../lib/mail/transport";
import { QUEUE_PREFIX } from "../lib/queue/connection";
import { closeRunsQueue } from "../lib/queue/producer";
import { RUNS_QUEUE, SCHEDULES_QUEUE, TOKEN_NOTICES_QUEUE, WEBHOOKS_QUEUE } from "../lib/queue/contract";
import { closeRunLocks } from "../lib/runs/lifecycle-lock";
import { closeSchedulesQueue } from "../lib/schedules/queue";
import { warehouseSql } from "../lib/warehouse/client";
import { workerConnection } from "../lib/queue/connection";
import { UNSAFE_WAREHOUSE_MESSAGE, warehouseSafety } from "../lib/warehouse/safety";
import { startMailHealth } from "./mail-health";
import { startReconciler } from "./reconciler";
import { startReportFilesCleanup } from "./report-files-cleanup";
import { processRunJob } from "./run-job";
import { processScheduleJob } from "./schedule-job";
import { processWebhookJob } from "./webhook-delivery";
import { startWebhookUpkeep } from "./webhook-upkeep";
import { closeWebhooksQueue } from "../lib/webhooks/queue";
import { closeTokenNoticesQueue, ensureNoticeSchedule, requestNoticeCheck } from "../lib/tokens/notices-queue";
import { startPeriodic } from "./periodic";
import { processTokenNoticeJob } from "./token-notices";

// A schedule job only writes a run row; two at a time are plenty.
const SCHEDULE_CONCURRENCY = 2;
// Webhook attempts mostly wait on the network (up to 15 s each): many at once cost little.
const WEBHOOK_CONCURRENCY = 20;
// A job that stalls this often (its worker keeps dying on it) is failed instead of crashing workers forever.
const MAX_STALLED_COUNT = 2;

// SPEC §7: a superuser warehouse connection is refused before any job is taken.
if ((await warehouseSafety()) === "unsafe") {
  log.fatal(UNSAFE_WAREHOUSE_MESSAGE);
  process.exit(1);
}

const common = {
  prefix: QUEUE_PREFIX,
  // Each job records the process that took it (job.processedBy): with several workers, which one to look at.
  name: `${hostname()}:${process.pid}`,
  lockDuration: env.WORKER_LOCK_DURATION_MS,
  stalledInterval: env.WORKER_STALLED_INTERVAL_MS,
  maxStalledCount: MAX_STALLED_COUNT,
};

const runsWorker = new Worker(RUNS_QUEUE, processRunJob, {
  ...common,
  connection: workerConnection(),
  concurrency: env.WORKER_CONCURRENCY,
});
const schedulesWorker = new Worker(SCHEDULES_QUEUE, processScheduleJob, {
  ...common,
  connection: workerConnection(),
  concurrency: SCHEDULE_CONCURRENCY,
});

const webhooksWorker = new Worker(WEBHOOKS_QUEUE, processWebhookJob, {
  ...common,
  connection: workerConnection(),
  concurrency: WEBHOOK_CONCURRENCY,
});

// SPEC §8 notices: one check at a time per worker is enough; the notice rows keep workers from sending twice.
const tokenNoticesWorker = new Worker(TOKEN_NOTICES_QUEUE, processTokenNoticeJob, {
  ...common,
  connection: workerConnection(),
  concurrency: 1,
});

let redisErrorLogged = false;
for (const worker of [runsWorker, schedulesWorker, webhooksWorker, tokenNoticesWorker]) {
  // ioredis reports every failed reconnect; one line per outage is enough.
  worker.on("error", (error) => {
    if (!redisErrorLogged)
      log.warn({ queue: worker.name, err: error.message }, "worker connection error; reconnecting");
    redisErrorLogged = true;
  });
  worker.on("ready", () => {
    if (redisErrorLogged) log.info({ queue: worker.name }, "worker connected");
    redisErrorLogged = false;
  });
  worker.on("failed", (job, error) => {
    log.warn(
      { queue: worker.name, jobId: job?.id, attemptsMade: job?.attemptsMade, err: error.message },
      "job attempt failed",
    );
  });
}

const reconciler = startReconciler(env.WORKER_RECONCILE_INTERVAL_MS);
const mailHealth = startMailHealth();
const webhookUpkeep = startWebhookUpkeep(env.WORKER_RECONCILE_INTERVAL_MS);
const reportFilesCleanup = startReportFilesCleanup();
// SPEC §8: a notice check at start, then the repeating one every 15 minutes, put back whenever Redis lost it.
let noticeCheckAsked = false;
const noticeSchedule = startPeriodic("token notice schedule", env.WORKER_RECONCILE_INTERVAL_MS, async () => {
  await ensureNoticeSchedule();
  if (!noticeCheckAsked) noticeCheckAsked = await requestNoticeCheck();
});
log.info(
  { concurrency: env.WORKER_CONCURRENCY, prefix: QUEUE_PREFIX, mail: env.SMTP_URL ? "smtp" : "outbox" },
  "worker started",
);

let shuttingDown = false;

async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info({ signal }, "shutting down: finishing active jobs");
  // Past the grace period, leave the active jobs to another worker's stalled check rather than be killed mid-write.
  setTimeout(() => {
    log.error("active jobs did not finish in time; exiting");
    process.exit(1);
  }, env.WORKER_SHUTDOWN_GRACE_MS).unref();

  try {
    await Promise.all([reconciler.stop(), mailHealth.stop(), webhookUpkeep.stop(), noticeSchedule.stop()]);
    reportFilesCleanup.stop();
    // close() stops fetching and waits for the jobs in progress.
    await Promise.all([
      runsWorker.close(),
      schedulesWorker.close(),
      webhooksWorker.close(),
      tokenNoticesWorker.close(),
    ]);
  } catch (error) {
    log.error({ err: error instanceof Error ? error.message : String(error) }, "workers did not close cleanly");
    process.exit(1);
  }
  await Promise.allSettled([
    closeRunsQueue(),
    closeSchedulesQueue(),
    closeWebhooksQueue(),
    closeTokenNoticesQueue(),
    closeRunLocks(),
    sql.end({ timeout: 5 }),
    warehouseSql.end({ timeout: 5 }),
  ]);
  closeMailSender();
  log.info("worker stopped");
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
