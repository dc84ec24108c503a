import { NextResponse, type NextRequest } from "next/server";
import { isSameOrigin } from "./lib/auth/same-origin";

/**
 * A server action posted from another origin (or a `null` one) gets a plain 403 here, before Next's own check
 * would answer it with a 500. Authorization itself stays in each action (lib/auth/admin-action.ts).
 */
export function proxy(request: NextRequest) {
  if (request.method === "POST" && request.headers.has("next-action") && !isSameOrigin(request.headers)) {
    return new NextResponse("Cross-origin request refused.", {
      status: 403,
      headers: { "Content-Type": "text/plain" },
    });
  }
  return NextResponse.next();
}

// Pages only: the API authenticates by bearer token and never reads cookies, so it needs no origin check.
export const config = { matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"] };
