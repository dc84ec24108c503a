import { hostname } from "node:os";
import { log } from "../lib/log";
import { mailHealthKey, staleMailHealthFields } from "../lib/health/mail";
import { mailSender } from "../lib/mail/transport";
import { mailTransportState, onMailTransportState } from "../lib/mail/transport-state";
import { readyRedis, sharedRedis } from "../lib/redis";
import { withTimeout } from "../lib/util/timeout";

// Well within a report's lifetime; also how often a failing server is tried again while no run sends anything.
const REFRESH_MS = 15_000;
// A Redis that accepts and never answers must not pile up publications.
const PUBLISH_TIMEOUT_MS = 2_000;

/**
 * Publishes this worker's view of the mail server for /api/health and the runs page: at once on every change, and
 * every REFRESH_MS. While the server is failing each refresh also greets it, so "ok" comes back when it does, not
 * only with the next run.
 */
export function startMailHealth(): { stop(): Promise<void> } {
  const key = mailHealthKey();
  const worker = `${hostname()}:${process.pid}`;
  const publish = async () => {
    try {
      const redis = await readyRedis();
      await withTimeout(
        (async () => {
          await redis.hset(key, worker, JSON.stringify({ ...mailTransportState(), reportedAt: Date.now() }));
          // Workers that stopped without saying so (killed, crashed) drop out here.
          const stale = staleMailHealthFields(await redis.hgetall(key));
          if (stale.length > 0) await redis.hdel(key, ...stale);
        })(),
        PUBLISH_TIMEOUT_MS,
        "mail health publish",
      );
    } catch {
      // Redis away: the next refresh publishes again; the reconciler reports the outage.
    }
  };
  const unsubscribe = onMailTransportState(() => void publish());
  const timer = setInterval(() => {
    void (async () => {
      if (mailTransportState().status === "failing") {
        await mailSender()
          .verify()
          .catch((error: unknown) =>
            log.debug({ err: error instanceof Error ? error.message : String(error) }, "mail server still failing"),
          );
      }
      await publish();
    })();
  }, REFRESH_MS);
  void publish();
  return {
    async stop() {
      // A greeting still under way is left to its own timeouts; shutdown does not wait for it.
      clearInterval(timer);
      unsubscribe();
      await withTimeout(sharedRedis().hdel(key, worker), PUBLISH_TIMEOUT_MS, "mail health removal").catch(() => {});
    },
  };
}
