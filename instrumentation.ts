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
}
