import { withToken } from "@/lib/api/with-token";
import { parsePageQuery, toPage } from "@/lib/api/paging";
import { pageSemanticModels } from "@/lib/semantic-models/repository";
import { presentSemanticModel } from "@/lib/semantic-models/present";

// GET /api/v1/semantic-models — the models a token may refresh
export const GET = withToken({ permission: "semantic-models:refresh" }, async ({ url }) => {
  const { limit, after } = parsePageQuery(url);
  return Response.json(toPage(await pageSemanticModels(limit, after), limit, presentSemanticModel));
});
