import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { appDatabaseUrl } from "./roles";
import * as schema from "./schema";

import { processSingleton } from "../util/process-singleton";

// Fail fast when Postgres is away so the API can answer 503 instead of hanging.
const CONNECT_TIMEOUT_SECONDS = 3;
const POOL_SIZE = 10;

// One pool per process.
export const sql = processSingleton("sql", () =>
  postgres(appDatabaseUrl(), { max: POOL_SIZE, connect_timeout: CONNECT_TIMEOUT_SECONDS, onnotice: () => {} }),
);

export const db = drizzle(sql, { schema });
export type Db = typeof db;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
