import { withProblems } from "@/lib/api/handle";
import { checkHealth } from "@/lib/health/check";

export const dynamic = "force-dynamic";

// GET /api/health — liveness of the web process and its two dependencies
export const GET = withProblems(async () => {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store", ...(health.status === "ok" ? {} : { "Retry-After": "5" }) },
  });
});
