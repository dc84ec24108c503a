import { Queue } from "bullmq";
import { log } from "../lib/log";
import { failFastConnection, QUEUE_PREFIX } from "../lib/queue/connection";
import { WEBHOOKS_QUEUE, type WebhookJob } from "../lib/queue/contract";
import { reconcileWebhookDeliveries } from "../lib/webhooks/reconcile";
import { queueTokenExpiringEvents } from "../lib/webhooks/token-events";
import { withTimeout } from "../lib/util/timeout";
import { startPeriodic } from "./periodic";

// `token.expiring` is a day-granular notice: looking every 15 minutes sends it well within the day it is due.
const TOKEN_CHECK_INTERVAL_MS = 15 * 60_000;
const PASS_TIMEOUT_MS = 10_000;

export type Upkeep = { stop(): Promise<void> };

/**
 * The webhook side of the reconciler (every `reconcileIntervalMs`: queue the attempts Redis lost) and the periodic
 * `token.expiring` check (at start, then every 15 minutes). Kept apart from workers/reconciler.ts, which keeps runs.
 */
export function startWebhookUpkeep(reconcileIntervalMs: number): Upkeep {
  const queue = new Queue<WebhookJob>(WEBHOOKS_QUEUE, { prefix: QUEUE_PREFIX, connection: failFastConnection() });
  queue.on("error", () => {}); // reconnects by itself; each pass reports its own failure
  const loops = [
    startPeriodic("webhook reconciliation", reconcileIntervalMs, async () => {
      const queued = await withTimeout(reconcileWebhookDeliveries(queue), PASS_TIMEOUT_MS, "webhook reconciliation");
      if (queued > 0) log.info({ queued }, "queued webhook deliveries that had no job");
    }),
    startPeriodic("token expiry check", TOKEN_CHECK_INTERVAL_MS, async () => {
      const queued = await withTimeout(queueTokenExpiringEvents(), PASS_TIMEOUT_MS, "token expiry check");
      if (queued > 0) log.info({ queued }, "queued token.expiring webhooks");
    }),
  ];
  return {
    async stop() {
      await Promise.all(loops.map((l) => l.stop()));
      await queue.close().catch(() => {});
    },
  };
}
