import { ApiError, problemResponse } from "@/lib/api/errors";

// Any path under /api/v1 that no route serves: a problem body rather than the HTML 404 page.
function notFound(): Response {
  return problemResponse(new ApiError("not_found", "No API resource at this path."));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
