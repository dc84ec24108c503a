import postgres from "postgres";
import { env } from "../env";

let ownerSql: postgres.Sql | undefined;

/**
 * The default warehouse (schema `warehouse` of the app database) as its owner sees it: for what loads data into it
 * — the seed, tests and the benchmark acting as a source system. Report and model queries never use it.
 */
export function warehouseOwnerSql(): postgres.Sql {
  ownerSql ??= postgres(env.DATABASE_URL, {
    max: 2,
    connect_timeout: 3,
    onnotice: () => {},
    connection: { application_name: "sluice-warehouse-loader" },
  });
  return ownerSql;
}

export async function closeWarehouseOwnerSql(): Promise<void> {
  await ownerSql?.end({ timeout: 5 });
  ownerSql = undefined;
}
