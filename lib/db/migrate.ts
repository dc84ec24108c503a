import type postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { env } from "../env";
import { grantAfterMigrations, prepareRoles } from "./ensure-roles";
import { OWNER_ROLE } from "./roles";

const MIGRATIONS_FOLDER = "lib/db/migrations";

/**
 * SPEC §7: the roles first, then the migrations as the owner role, then the app role's rights on the result.
 * `connection` must hold one connection (SET ROLE lasts for the session). Returns a line for the console.
 */
export async function migrateWithRoles(connection: postgres.Sql): Promise<string> {
  const roles = env.DATABASE_ROLES === "split" ? await prepareRoles(connection) : { managed: false };
  if (roles.managed) await connection.unsafe(`set role ${OWNER_ROLE}`);
  try {
    await migrate(drizzle(connection), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    if (roles.managed) await connection.unsafe("reset role");
  }
  if (!roles.managed) {
    const why = "reason" in roles && roles.reason ? roles.reason : "DATABASE_ROLES=single";
    return `migrations applied; roles not managed (${why}): DATABASE_APP_URL and WAREHOUSE_URL name the roles to use`;
  }
  await grantAfterMigrations(connection);
  return `migrations applied as ${OWNER_ROLE}; roles sluice_app and sluice_reader ready`;
}
