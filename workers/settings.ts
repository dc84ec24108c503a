import { z } from "zod";

// Worker tunables. Defaults suit production; tests shorten them to see recovery within seconds.
const settingsSchema = z.object({
  // How long a job's lock lives without renewal: after a worker dies, its job waits this long before another takes it.
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
  // How often each worker looks for jobs whose lock expired.
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).max(300_000).default(15_000),
  // SPEC §5: nothing is lost after Redis comes back; a pass every 15 s at most keeps that within a minute.
  WORKER_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(200).max(15_000).default(15_000),
  // Time SIGTERM gives active jobs to finish before the process gives up on them (orchestrators kill at 30 s).
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(1_000).max(120_000).default(25_000),
});

export type WorkerSettings = z.infer<typeof settingsSchema>;

export function workerSettings(source: NodeJS.ProcessEnv = process.env): WorkerSettings {
  return settingsSchema.parse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
}
