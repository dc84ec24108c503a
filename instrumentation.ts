// Runs once when the web server starts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { UNSAFE_WAREHOUSE_MESSAGE, warehouseSafety } = await import("./lib/warehouse/safety");
  const { log } = await import("./lib/log");
  // SPEC §7: report and model queries are refused on a superuser warehouse (lib/warehouse/query.ts) and
  // /api/health says so; the console stays up so an admin can see why.
  if ((await warehouseSafety()) === "unsafe") log.fatal(UNSAFE_WAREHOUSE_MESSAGE);
}
