import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { Redis } from "ioredis";
import { migrateWithRoles } from "../lib/db/migrate";
import { loadDemoWarehouse } from "../lib/warehouse/demo-data";

// Tests drop and recreate this database: only ever on this machine.
const TEST_DATABASE = `sluice_test_unit${process.env.TEST_INSTANCE ?? ""}`;
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

function requireLocal(url: string, what: string): URL {
  const parsed = new URL(url);
  if (!LOCAL_HOSTS.has(parsed.hostname))
    throw new Error(`Refusing to run tests against a non-local ${what}: ${parsed.hostname}`);
  return parsed;
}

let prefix = "";
let redisUrl = "";

/** Fresh database with migrations and the demo warehouse, and a Redis prefix of its own; every test file inherits both. */
export async function setup(): Promise<void> {
  const server = requireLocal(
    process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres",
    "DATABASE_URL",
  );
  redisUrl = requireLocal(process.env.REDIS_URL || "redis://127.0.0.1:6379", "REDIS_URL").toString();

  server.pathname = "/postgres";
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${TEST_DATABASE}" with (force)`);
  await admin.unsafe(`create database "${TEST_DATABASE}"`);
  await admin.end();

  const target = new URL(server);
  target.pathname = `/${TEST_DATABASE}`;
  const sql = postgres(target.toString(), { max: 1, onnotice: () => {} });
  await migrateWithRoles(sql);
  await loadDemoWarehouse(sql);
  await sql.end();

  prefix = `sluice-test-unit-${randomBytes(4).toString("hex")}`;
  Object.assign(process.env, {
    NODE_ENV: "test",
    DATABASE_URL: target.toString(),
    WAREHOUSE_URL: "",
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    SMTP_URL: "",
    // As in production: tests that post to local receivers allow it in their worker's environment.
    WEBHOOK_ALLOW_PRIVATE: "false",
    OUTBOX_DIR: mkdtempSync(join(tmpdir(), "sluice-test-outbox-")),
    LOG_LEVEL: process.env.LOG_LEVEL || "warn",
  });
}

/** Removes this run's Redis keys; the database stays for a look after a failure and is dropped by the next run. */
export async function teardown(): Promise<void> {
  if (!prefix) return;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  await redis.quit();
}
