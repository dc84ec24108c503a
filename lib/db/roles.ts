import { createHmac } from "node:crypto";
import { env } from "../env";

/**
 * SPEC §7: three database roles. The owner runs migrations, the web app and the worker connect as the app role,
 * report and model queries as the warehouse reader. `npm run db:migrate` makes them (scripts/migrate.ts).
 */
export const OWNER_ROLE = "sluice_owner";
export const APP_ROLE = "sluice_app";
export const READER_ROLE = "sluice_reader";

/**
 * The app and reader roles' passwords, derived from AUTH_SECRET so that the migration (which sets them) and every
 * process (which logs in with them) agree without one more secret to configure.
 */
export function rolePassword(role: typeof APP_ROLE | typeof READER_ROLE): string {
  return createHmac("sha256", env.AUTH_SECRET).update(`sluice-database-role:${role}`).digest("base64url");
}

/** DATABASE_URL's server and database, logged in as the given role. */
export function roleUrl(role: typeof APP_ROLE | typeof READER_ROLE, base: string = env.DATABASE_URL): string {
  const url = new URL(base);
  url.username = role;
  url.password = rolePassword(role);
  return url.toString();
}

/** What the web app and the worker connect as: DATABASE_APP_URL when set, else the app role on DATABASE_URL. */
export function appDatabaseUrl(): string {
  if (env.DATABASE_APP_URL) return env.DATABASE_APP_URL;
  return env.DATABASE_ROLES === "split" ? roleUrl(APP_ROLE) : env.DATABASE_URL;
}

/** What report and model queries connect as: WAREHOUSE_URL when set, else the reader on the app database. */
export function warehouseDatabaseUrl(): string {
  if (env.WAREHOUSE_URL) return env.WAREHOUSE_URL;
  return env.DATABASE_ROLES === "split" ? roleUrl(READER_ROLE) : env.DATABASE_URL;
}
