// GET /api/ping — liveness only: answers without touching Postgres or Redis (the benchmark's baseline, too)
export function GET(): Response {
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
