import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { appDatabaseUrl } from "./roles";
import * as schema from "./schema";

// One pool per process. Next's dev server reloads modules, so the pool is kept on globalThis.
const globalForDb = globalThis as unknown as { sluiceSql?: postgres.Sql };

// Fail fast when Postgres is away so the API can answer 503 instead of hanging.
const CONNECT_TIMEOUT_SECONDS = 3;
const POOL_SIZE = 10;

export const sql =
  globalForDb.sluiceSql ??
  postgres(appDatabaseUrl(), {
    max: POOL_SIZE,
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    onnotice: () => {},
  });
globalForDb.sluiceSql = sql;

export const db = drizzle(sql, { schema });
export type Db = typeof db;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
