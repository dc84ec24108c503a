import { getCurrentUser } from "@/lib/auth/session";
import { postmanCollection } from "@/lib/api/postman";
import { appUrl } from "@/lib/env";

export const dynamic = "force-dynamic";

// GET /tokens/postman-collection — the API as a Postman collection, for a signed-in admin (no token in it)
export async function GET(): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in first.", { status: 401, headers: { "Content-Type": "text/plain" } });
  if (user.role !== "admin")
    return new Response("Admins only.", { status: 403, headers: { "Content-Type": "text/plain" } });
  return Response.json(await postmanCollection(appUrl()), {
    headers: {
      "Cache-Control": "no-store",
      "Content-Disposition": 'attachment; filename="sluice.postman_collection.json"',
    },
  });
}
