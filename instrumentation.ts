/**
 * Runs once when the server starts: reading the settings here makes a production server with a published or short
 * AUTH_SECRET (lib/env.ts) refuse to start, instead of serving with it or failing on its first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    await import("./lib/env");
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const { UNSAFE_WAREHOUSE_MESSAGE, warehouseSafety } = await import("./lib/warehouse/safety");
  const { log } = await import("./lib/log");
  // SPEC §7: report and model queries are refused on a superuser warehouse (lib/warehouse/query.ts) and
  // /api/health says so; the console stays up so an admin can see why.
  if ((await warehouseSafety()) === "unsafe") log.fatal(UNSAFE_WAREHOUSE_MESSAGE);
}
