import { z } from "zod";

// Every setting is read once, here; defaults serve a local machine (SPEC §6).
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Migrations and the seed connect with this: the owner, or a role that may create the others (SPEC §7).
  DATABASE_URL: z.string().url().default("postgres://postgres@127.0.0.1:5432/sluice"),
  // Empty means "the app database": reports read schema `warehouse` there, as the read-only role sluice_reader.
  WAREHOUSE_URL: z.string().default(""),
  // What the web app and the worker connect as; empty means DATABASE_URL's server and database as sluice_app.
  DATABASE_APP_URL: z.string().default(""),
  // "single" when the database cannot have Sluice's roles: everything then connects with DATABASE_URL, and
  // WAREHOUSE_URL must name a read-only role.
  DATABASE_ROLES: z.enum(["split", "single"]).default("split"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  // Lets tests and several installs share one Redis without seeing each other's jobs.
  QUEUE_PREFIX: z.string().min(1).default("sluice"),
  AUTH_SECRET: z.string().min(16).default("sluice-local-development-secret-change-me"),
  SMTP_URL: z.string().default(""),
  MAIL_FROM: z.string().default("Sluice <sluice@localhost>"),
  OUTBOX_DIR: z.string().default("outbox"),
  ADMIN_EMAIL: z.string().email().default("admin@example.com"),
  ADMIN_PASSWORD: z.string().default(""),
  PORT: z.coerce.number().int().positive().default(3000),
  APP_URL: z.string().default(""),
  // SPEC §7: a rendered report larger than this is not attached; the e-mail carries a download link instead
  // (most mail servers refuse messages over ~25 MB, and base64 adds a third).
  MAIL_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(20 * 1024 * 1024),
  DOWNLOAD_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // How long a job's lock lives without renewal: after a worker dies, its job waits this long before another takes it.
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
  // How often each worker looks for jobs whose lock expired.
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).max(300_000).default(15_000),
  // SPEC §5: nothing is lost after Redis comes back; a pass every 15 s at most keeps that within a minute.
  WORKER_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(200).max(15_000).default(15_000),
  // Time SIGTERM gives active jobs to finish before the process gives up on them (orchestrators kill at 30 s).
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(1_000).max(120_000).default(25_000),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  // Requests with a bad token, per client IP: slows down token guessing.
  API_INVALID_TOKEN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

function blankToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
}

export const env: Env = envSchema.parse(blankToUndefined(process.env));

export function appUrl(): string {
  return env.APP_URL || `http://localhost:${env.PORT}`;
}
