import { openApiDocument } from "@/lib/api/openapi";

// GET /api/v1/openapi.json — the API description; public, static
export function GET(): Response {
  return Response.json(openApiDocument, { headers: { "Cache-Control": "public, max-age=300" } });
}
