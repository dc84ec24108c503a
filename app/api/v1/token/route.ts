import { withToken } from "@/lib/api/with-token";
import { presentScopes } from "@/lib/tokens/scope";

// GET /api/v1/token — introspection: what this token is and may do
export const GET = withToken({}, async ({ token }) =>
  Response.json({
    name: token.name,
    permissions: token.permissions,
    expiresAt: token.expiresAt.toISOString(),
    scopes: presentScopes(token),
    allowedIps: token.allowedIps,
  }),
);
