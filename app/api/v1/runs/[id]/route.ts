import { withToken } from "@/lib/api/with-token";
import { ApiError } from "@/lib/api/errors";
import { uuidParam } from "@/lib/api/params";
import { answerAfterWait } from "@/lib/api/prefer-wait";
import { noteAuthorizationFailure } from "@/lib/api/authorization-audit";
import { presentRun } from "@/lib/runs/present";
import { getRun } from "@/lib/runs/queries";
import { permissionForRunKind } from "@/lib/runs/permission";
import { hasPermission } from "@/lib/tokens/permissions";
import { runInScope } from "@/lib/tokens/scope";

// GET /api/v1/runs/{id} — one run; the token needs the permission of the run's kind
// With `Prefer: wait=N`, answers once the run has finished or N seconds have passed (SPEC §9).
export const GET = withToken({}, async ({ request, params, token, ip }) => {
  const run = await getRun(uuidParam(params, "id"));
  const notFound = new ApiError("not_found", "No run with this id.");
  if (!run) throw notFound;
  const needed = permissionForRunKind(run.kind);
  // A run of the other kind answers exactly as an unknown id, so a token cannot learn that it exists; audited.
  if (!hasPermission(token.permissions, needed)) {
    noteAuthorizationFailure(token, needed, ip);
    throw notFound;
  }
  // A run of a subscription or model out of the token's scope is invisible too (SPEC §8).
  if (!runInScope(token, run)) throw notFound;
  return answerAfterWait(request, run, (current) =>
    Response.json(presentRun(current), { headers: { "Cache-Control": "no-store" } }),
  );
});
