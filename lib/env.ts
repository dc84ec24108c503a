import { z } from "zod";

// Every setting is read once, here; defaults serve a local machine (SPEC §6).

const LOCAL_AUTH_SECRET = "sluice-local-development-secret-change-me";
// Secrets published in this repository (defaults, examples, the test script): never good enough for production.
const KNOWN_AUTH_SECRETS = new Set([
  LOCAL_AUTH_SECRET,
  "change-me-to-a-long-random-secret",
  "sluice-test-secret-not-for-production",
]);
// 256 bits, what `openssl rand -base64 32` makes.
const MIN_AUTH_SECRET_BYTES = 32;

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
  AUTH_SECRET: z.string().min(16).default(LOCAL_AUTH_SECRET),
  SMTP_URL: z.string().default(""),
  MAIL_FROM: z.string().default("Sluice <sluice@localhost>"),
  OUTBOX_DIR: z.string().default("outbox"),
  // Every SMTP send ends within these: connecting, the server's greeting, silence on an open connection, and the
  // whole message from taking a connection to the server's reply (a server that answers a byte a minute).
  SMTP_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SMTP_GREETING_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SMTP_SOCKET_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  SMTP_MESSAGE_TIMEOUT_MS: z.coerce.number().int().min(500).max(1_800_000).default(120_000),
  // An attempt with no progress this long is stopped and retried: longer than the longest allowed send.
  RUN_STALL_LIMIT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(150_000),
  // A run left `running` with no progress this long while a process holds it (a frozen worker) is failed.
  RUN_STUCK_AFTER_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(900_000),
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
  // SPEC §10: runs, deliveries and audit rows older than this are purged by a daily job (the audit trail keeps 30 days at
  // least: the database function that deletes it refuses less).
  RETENTION_DAYS: z.coerce.number().int().min(30).max(36_500).default(400),
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
  // SPEC §9: webhooks go to public https:// receivers only; true allows http:// and private addresses (local use, tests).
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  // Every request with a bad token, whatever its address: caps the digest look-ups forged well-formed tokens can buy.
  API_INVALID_TOKEN_GLOBAL_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6_000),
  // SPEC §11: how many reverse proxies in front append to X-Forwarded-For; 0 reads the connection's own address.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

// The watchdog must not stop a send that is still within its deadline, nor the reconciler an attempt the watchdog
// would still stop and retry.
const orderedEnvSchema = envSchema
  .refine((e) => e.RUN_STALL_LIMIT_MS > e.SMTP_MESSAGE_TIMEOUT_MS, {
    message: "RUN_STALL_LIMIT_MS must be longer than SMTP_MESSAGE_TIMEOUT_MS",
    path: ["RUN_STALL_LIMIT_MS"],
  })
  .refine((e) => e.RUN_STUCK_AFTER_MS > e.RUN_STALL_LIMIT_MS, {
    message: "RUN_STUCK_AFTER_MS must be longer than RUN_STALL_LIMIT_MS",
    path: ["RUN_STUCK_AFTER_MS"],
  });

function blankToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
}

export const env: Env = orderedEnvSchema.parse(blankToUndefined(process.env));

/**
 * A production install reachable from elsewhere must sign sessions with a secret of its own: with a published one
 * anybody could forge an admin session. Thrown at start-up (web: instrumentation.ts; worker: on import).
 */
export function authSecretProblem(settings: Pick<Env, "NODE_ENV" | "APP_URL" | "AUTH_SECRET">): string | null {
  if (settings.NODE_ENV !== "production" || isLocalUrl(settings.APP_URL)) return null;
  const weak =
    KNOWN_AUTH_SECRETS.has(settings.AUTH_SECRET) || Buffer.byteLength(settings.AUTH_SECRET) < MIN_AUTH_SECRET_BYTES;
  if (!weak) return null;
  return (
    `AUTH_SECRET must be at least ${MIN_AUTH_SECRET_BYTES} bytes of your own (not a published default) when ` +
    `NODE_ENV=production and APP_URL (${settings.APP_URL}) is not localhost. Make one with: openssl rand -base64 32`
  );
}

function isLocalUrl(value: string): boolean {
  if (!value) return true;
  try {
    const host = new URL(value).hostname;
    return host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host.endsWith(".localhost");
  } catch {
    return false;
  }
}

// Not while `next build` evaluates modules: the build has no secrets, and the server checks again when it starts.
const secretProblem = process.env.NEXT_PHASE === "phase-production-build" ? null : authSecretProblem(env);
if (secretProblem) throw new Error(secretProblem);

export function appUrl(): string {
  return env.APP_URL || `http://localhost:${env.PORT}`;
}
