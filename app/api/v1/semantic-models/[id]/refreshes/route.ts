import { withToken } from "@/lib/api/with-token";
import { emptyBodySchema } from "@/lib/api/body";
import { ApiError, NOT_FOUND_DETAIL } from "@/lib/api/errors";
import { idempotencyKey, uuidParam } from "@/lib/api/params";
import { answerAfterWait } from "@/lib/api/prefer-wait";
import { parsePageQuery, toPage } from "@/lib/api/paging";
import { acceptedRun, apiOrigin } from "@/lib/api/runs";
import { presentRun } from "@/lib/runs/present";
import { listRuns } from "@/lib/runs/queries";
import { startModelRefresh } from "@/lib/runs/start";
import { getSemanticModel } from "@/lib/semantic-models/repository";
import { inScope } from "@/lib/tokens/scope";

// Out of the token's scope answers exactly as an unknown id does on each route (SPEC §8).
const unknownOnTrigger = () => new ApiError("not_found", NOT_FOUND_DETAIL);
const notFound = () => new ApiError("not_found", "No semantic model with this id.");

// POST /api/v1/semantic-models/{id}/refreshes — start a refresh (or join the one still queued)
export const POST = withToken(
  { permission: "semantic-models:refresh", body: emptyBodySchema },
  async ({ request, params, token, ip }) => {
    const semanticModelId = uuidParam(params, "id");
    if (!inScope(token, "semanticModels", semanticModelId)) throw unknownOnTrigger();
    const key = idempotencyKey(request);
    const started = await startModelRefresh(semanticModelId, apiOrigin(token, ip, key));
    return answerAfterWait(request, started.run, (run) => acceptedRun({ ...started, run }));
  },
);

// GET /api/v1/semantic-models/{id}/refreshes — its refreshes, newest first
export const GET = withToken({ permission: "semantic-models:refresh" }, async ({ params, url, token }) => {
  const semanticModelId = uuidParam(params, "id");
  if (!inScope(token, "semanticModels", semanticModelId)) throw notFound();
  const { limit, after } = parsePageQuery(url);
  if (!(await getSemanticModel(semanticModelId))) throw notFound();
  return Response.json(toPage(await listRuns({ semanticModelId }, limit, after), limit, presentRun));
});
