import { withToken } from "@/lib/api/with-token";
import { ApiError } from "@/lib/api/errors";
import { uuidParam } from "@/lib/api/params";
import { noteAuthorizationFailure } from "@/lib/api/authorization-audit";
import { presentRun } from "@/lib/runs/present";
import { getRun } from "@/lib/runs/queries";
import { hasPermission } from "@/lib/tokens/permissions";

const PERMISSION_BY_KIND = {
  subscription: "subscriptions:execute",
  "semantic-model-refresh": "semantic-models:refresh",
} as const;

// GET /api/v1/runs/{id} — one run; the token needs the permission of the run's kind
export const GET = withToken({}, async ({ params, token, ip }) => {
  const run = await getRun(uuidParam(params, "id"));
  const notFound = new ApiError("not_found", "No run with this id.");
  if (!run) throw notFound;
  const needed = PERMISSION_BY_KIND[run.kind];
  // A run of the other kind answers exactly as an unknown id, so a token cannot learn that it exists; audited.
  if (!hasPermission(token.permissions, needed)) {
    noteAuthorizationFailure(token, needed, ip);
    throw notFound;
  }
  return Response.json(presentRun(run), { headers: { "Cache-Control": "no-store" } });
});
