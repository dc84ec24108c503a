import { withToken } from "@/lib/api/with-token";
import { ApiError, insufficientPermission } from "@/lib/api/errors";
import { uuidParam } from "@/lib/api/params";
import { answerAfterWait } from "@/lib/api/prefer-wait";
import { presentRun } from "@/lib/runs/present";
import { getRun } from "@/lib/runs/queries";
import { permissionForRunKind } from "@/lib/runs/permission";
import { hasPermission } from "@/lib/tokens/permissions";

// GET /api/v1/runs/{id} — one run; the token needs the permission of the run's kind
// With `Prefer: wait=N`, answers once the run has finished or N seconds have passed (SPEC §9).
export const GET = withToken({}, async ({ request, params, token }) => {
  const run = await getRun(uuidParam(params, "id"));
  if (!run) throw new ApiError("not_found", "No run with this id.");
  const needed = permissionForRunKind(run.kind);
  if (!hasPermission(token.permissions, needed)) throw insufficientPermission(needed);
  return answerAfterWait(request, run, (current) =>
    Response.json(presentRun(current), { headers: { "Cache-Control": "no-store" } }),
  );
});
