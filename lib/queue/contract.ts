import { z } from "zod";

// The contract between the web app (producer) and the worker (consumer). Payloads carry ids only.
export const RUNS_QUEUE = "runs";
export const SCHEDULES_QUEUE = "schedules";

export const runJobSchema = z.object({ runId: z.uuid() });
export type RunJob = z.infer<typeof runJobSchema>;

// A schedule fires a job that only names what to run; the worker then writes the run row itself.
export const scheduleJobSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("subscription"), subscriptionId: z.uuid() }),
  z.object({ kind: z.literal("semantic-model-refresh"), semanticModelId: z.uuid() }),
  // SPEC §10: the daily purge of runs, deliveries and audit rows past RETENTION_DAYS.
  z.object({ kind: z.literal("retention") }),
]);
export type ScheduleJob = z.infer<typeof scheduleJobSchema>;

export const RUN_JOB_ATTEMPTS = 5;
// 2 s, 4 s, 8 s, 16 s between attempts: long enough for an SMTP hiccup, short enough to finish within a minute.
export const RUN_JOB_BACKOFF = { type: "exponential" as const, delay: 2_000 };

/** BullMQ's exponential backoff before the next attempt, after `attemptsMade` earlier attempts and this failed one. */
export function runRetryDelayMs(attemptsMade: number): number {
  return 2 ** attemptsMade * RUN_JOB_BACKOFF.delay;
}

// Webhook deliveries: one job per delivery attempt row (lib/db/schema/webhooks.ts); the job id is the row's id.
export const WEBHOOKS_QUEUE = "webhooks";
export const webhookJobSchema = z.object({ deliveryId: z.uuid() });
export type WebhookJob = z.infer<typeof webhookJobSchema>;

// BullMQ takes jobs without a priority before prioritized ones: schedule and console runs go first, and a burst of API
// triggers waits behind them instead of holding them up. Lower numbers run first among prioritized jobs.
export const API_RUN_PRIORITY = 10;
export const runPriority = (trigger: string): number | undefined => (trigger === "api" ? API_RUN_PRIORITY : undefined);
