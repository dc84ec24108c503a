import { withToken } from "@/lib/api/with-token";
import { parsePageQuery, toPage } from "@/lib/api/paging";
import { pageSubscriptions } from "@/lib/subscriptions/repository";
import { presentSubscription } from "@/lib/subscriptions/present";
import { scopeIds } from "@/lib/tokens/scope";

// GET /api/v1/subscriptions — the subscriptions a token may run
export const GET = withToken({ permission: "subscriptions:execute" }, async ({ url, token }) => {
  const { limit, after } = parsePageQuery(url);
  const rows = await pageSubscriptions(limit, after, scopeIds(token, "subscriptions"));
  return Response.json(
    toPage(
      rows.map((r) => ({ ...r.subscription, lastRunAt: r.lastRunAt })),
      limit,
      presentSubscription,
    ),
  );
});
