/** Environment for a spawned worker: the test database and prefix, short recovery timings, the given SMTP sink. */
export function workerEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: required("DATABASE_URL"),
    REDIS_URL: required("REDIS_URL"),
    QUEUE_PREFIX: required("QUEUE_PREFIX"),
    WAREHOUSE_URL: "",
    LOG_LEVEL: "info",
    WORKER_CONCURRENCY: "4",
    WORKER_LOCK_DURATION_MS: "3000",
    WORKER_STALLED_INTERVAL_MS: "1000",
    WORKER_RECONCILE_INTERVAL_MS: "1000",
    ...overrides,
  };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through vitest (test/global-setup.ts)`);
  return value;
}
