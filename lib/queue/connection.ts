import type { ConnectionOptions } from "bullmq";
import { env } from "../env";

/** BullMQ connection options from REDIS_URL; every queue and worker uses the same prefix. */
export function bullConnection(overrides: Partial<Record<string, unknown>> = {}): ConnectionOptions {
  const url = new URL(env.REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === "rediss:" ? {} : undefined,
    ...overrides,
  } as ConnectionOptions;
}

export const QUEUE_PREFIX = env.QUEUE_PREFIX;
