import { UnrecoverableError, type Job } from "bullmq";
import { log } from "../lib/log";
import { scheduleJobSchema } from "../lib/queue/contract";
import { DomainError } from "../lib/domain-error";
import { startModelRefresh, startSubscriptionRun } from "../lib/runs/start";
import { purgeExpired } from "../lib/retention/purge";
import { intendedFireTime, subscriptionFireDecision } from "../lib/schedules/fire-check";

/**
 * A schedule fired: write the run (trigger "schedule") and enqueue its job, exactly as a manual trigger does.
 * A paused subscription is skipped quietly; a deleted target's schedule is left for the reconciler to remove. A
 * subscription's fire on a day its schedule does not name (cron only approximates some), outside its dates, or on a
 * holiday of its calendar starts nothing (SPEC §10).
 */
export async function processScheduleJob(job: Job): Promise<{ outcome: string; runId?: string }> {
  const payload = scheduleJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`invalid schedule job payload: ${payload.error.message}`);
  const target = payload.data;
  if (target.kind === "retention") {
    const purged = await purgeExpired();
    log.info(purged, "retention purge done");
    return { outcome: "purged", ...purged };
  }
  if (target.kind === "subscription") {
    const decision = await subscriptionFireDecision(target.subscriptionId, intendedFireTime(job));
    if (!decision.run) return { outcome: `skipped: ${decision.reason}` };
  }
  try {
    const { run, created } =
      target.kind === "subscription"
        ? await startSubscriptionRun(target.subscriptionId, { trigger: "schedule" })
        : await startModelRefresh(target.semanticModelId, { trigger: "schedule" });
    log.info({ ...target, runId: run.id, created }, "scheduled run started");
    return { outcome: created ? "started" : "joined queued run", runId: run.id };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === "subscription_paused") return { outcome: "skipped: paused" };
    if (error.code === "not_found") {
      log.info(target, "schedule of a deleted target fired; the reconciler removes it");
      return { outcome: "skipped: target deleted" };
    }
    throw error;
  }
}
