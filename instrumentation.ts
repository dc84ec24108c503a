/**
 * Runs once when the server starts: reading the settings here makes a production server with a published or short
 * AUTH_SECRET refuse to start (lib/env.ts), instead of failing on its first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/env");
}
