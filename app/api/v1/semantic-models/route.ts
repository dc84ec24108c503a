import { withToken } from "@/lib/api/with-token";
import { parsePageQuery, toPage } from "@/lib/api/paging";
import { pageSemanticModels } from "@/lib/semantic-models/repository";
import { presentSemanticModel } from "@/lib/semantic-models/present";
import { scopeIds } from "@/lib/tokens/scope";

// GET /api/v1/semantic-models — the models a token may refresh
export const GET = withToken({ permission: "semantic-models:refresh" }, async ({ url, token }) => {
  const { limit, after } = parsePageQuery(url);
  return Response.json(
    toPage(await pageSemanticModels(limit, after, scopeIds(token, "semanticModels")), limit, presentSemanticModel),
  );
});
