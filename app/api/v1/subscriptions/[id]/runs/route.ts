import { withToken } from "@/lib/api/with-token";
import { emptyBodySchema } from "@/lib/api/body";
import { ApiError, NOT_FOUND_DETAIL } from "@/lib/api/errors";
import { idempotencyKey, uuidParam } from "@/lib/api/params";
import { answerAfterWait } from "@/lib/api/prefer-wait";
import { parsePageQuery, toPage } from "@/lib/api/paging";
import { acceptedRun, apiOrigin } from "@/lib/api/runs";
import { presentRun } from "@/lib/runs/present";
import { listRuns } from "@/lib/runs/queries";
import { startSubscriptionRun } from "@/lib/runs/start";
import { subscriptionExists } from "@/lib/subscriptions/repository";
import { inScope } from "@/lib/tokens/scope";

// Out of the token's scope answers exactly as an unknown id does on each route (SPEC §8).
const unknownOnTrigger = () => new ApiError("not_found", NOT_FOUND_DETAIL);
const notFound = () => new ApiError("not_found", "No subscription with this id.");

// POST /api/v1/subscriptions/{id}/runs — start a run
export const POST = withToken(
  { permission: "subscriptions:execute", body: emptyBodySchema },
  async ({ request, params, token, ip }) => {
    const subscriptionId = uuidParam(params, "id");
    if (!inScope(token, "subscriptions", subscriptionId)) throw unknownOnTrigger();
    const key = idempotencyKey(request);
    const started = await startSubscriptionRun(subscriptionId, apiOrigin(token, ip, key));
    return answerAfterWait(request, started.run, (run) => acceptedRun({ ...started, run }));
  },
);

// GET /api/v1/subscriptions/{id}/runs — its runs, newest first
export const GET = withToken({ permission: "subscriptions:execute" }, async ({ params, url, token }) => {
  const subscriptionId = uuidParam(params, "id");
  if (!inScope(token, "subscriptions", subscriptionId)) throw notFound();
  const { limit, after } = parsePageQuery(url);
  if (!(await subscriptionExists(subscriptionId))) throw notFound();
  return Response.json(toPage(await listRuns({ subscriptionId }, limit, after), limit, presentRun));
});
