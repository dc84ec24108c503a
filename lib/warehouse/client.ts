import postgres from "postgres";
import { env } from "../env";

const globalForWarehouse = globalThis as unknown as { sluiceWarehouse?: postgres.Sql };

// Report and model queries name warehouse tables without a schema, and stay out of the app's own tables' way.
export const warehouseSql =
  globalForWarehouse.sluiceWarehouse ??
  postgres(env.WAREHOUSE_URL || env.DATABASE_URL, {
    max: 5,
    connect_timeout: 3,
    onnotice: () => {},
    connection: { search_path: "warehouse", application_name: "sluice-warehouse" },
  });
globalForWarehouse.sluiceWarehouse = warehouseSql;
