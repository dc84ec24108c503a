import postgres from "postgres";
import { warehouseDatabaseUrl } from "../db/roles";
import { IDLE_IN_TRANSACTION_TIMEOUT_MS, LOCK_TIMEOUT_MS, QUERY_STATEMENT_TIMEOUT_MS } from "./timeouts";
import { processSingleton } from "../util/process-singleton";

// A few report queries at a time; the console's own pool is separate, so a slow report never blocks it.
const WAREHOUSE_POOL_SIZE = 5;
const CONNECT_TIMEOUT_SECONDS = 3;

// Report and model queries name warehouse tables without a schema, and stay out of the app's own tables' way.
export const warehouseSql = processSingleton("warehouse-sql", () =>
  postgres(warehouseDatabaseUrl(), {
    max: WAREHOUSE_POOL_SIZE,
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    onnotice: () => {},
    // Every session starts bounded (startup parameters: no extra round trip per query); see lib/warehouse/query.ts.
    connection: {
      search_path: "warehouse",
      application_name: "sluice-warehouse",
      statement_timeout: QUERY_STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
      lock_timeout: LOCK_TIMEOUT_MS,
    },
  }),
);
