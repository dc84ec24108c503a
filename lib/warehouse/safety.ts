import { warehouseSql } from "./client";
import { QueryError } from "./errors";
import { withTimeout } from "../util/timeout";

// The role check is one tiny query; a warehouse that does not answer in this long is "unavailable", not unsafe.
const ROLE_CHECK_TIMEOUT_MS = 5_000;

export type WarehouseSafety = "ok" | "unsafe" | "unavailable";

export const UNSAFE_WAREHOUSE_MESSAGE =
  "WAREHOUSE_URL logs in as a superuser, which could change or read anything on that server; Sluice refuses to run " +
  "report and model queries as one. Point WAREHOUSE_URL at a role that may only read the warehouse (see README, " +
  "'Connecting an existing warehouse').";

let known: Promise<boolean> | undefined;

/** Whether the warehouse role is a superuser (or may bypass row security); asked once per process. */
function isPrivileged(): Promise<boolean> {
  known ??= withTimeout(
    warehouseSql<{ privileged: boolean }[]>`
      select rolsuper or rolbypassrls as privileged from pg_roles where rolname = current_user
    `.then(([row]) => row?.privileged ?? false),
    ROLE_CHECK_TIMEOUT_MS,
    "warehouse role check",
  ).catch((error: unknown) => {
    known = undefined; // unreachable now: ask again next time
    throw error;
  });
  return known;
}

export async function warehouseSafety(): Promise<WarehouseSafety> {
  try {
    return (await isPrivileged()) ? "unsafe" : "ok";
  } catch {
    return "unavailable";
  }
}

/** Throws (with the reason) when report queries must not run on this warehouse connection. */
export async function assertWarehouseSafe(): Promise<void> {
  let privileged: boolean;
  try {
    privileged = await isPrivileged();
  } catch {
    // The query itself will then fail with the connection's own error, in the caller's terms.
    return;
  }
  if (privileged) throw new QueryError(UNSAFE_WAREHOUSE_MESSAGE);
}
