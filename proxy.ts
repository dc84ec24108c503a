import { NextResponse, type NextRequest } from "next/server";
import { isSameOrigin } from "./lib/auth/same-origin";
import { contentSecurityPolicy } from "./lib/csp";

// 128 bits: a nonce an injected script cannot guess.
const NONCE_BYTES = 16;

/**
 * Every page request: a server action posted from another origin (or a `null` one) gets a plain 403 here, before
 * Next's own check would answer it with a 500 (authorization itself stays in each action, lib/auth/admin-action.ts);
 * every other request gets a fresh CSP nonce, which Next reads from the request's policy and puts on its scripts.
 */
export function proxy(request: NextRequest) {
  if (request.method === "POST" && request.headers.has("next-action") && !isSameOrigin(request.headers)) {
    return new NextResponse("Cross-origin request refused.", {
      status: 403,
      headers: { "Content-Type": "text/plain" },
    });
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(NONCE_BYTES))).toString("base64");
  const policy = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// Pages only: the API authenticates by bearer token and never reads cookies, so it needs no origin check, and its
// policy (no scripts at all) comes from next.config.ts.
export const config = { matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"] };
