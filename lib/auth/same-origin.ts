/**
 * True when the request's Origin names this site. A missing Origin, the literal `null` (sandboxed frames,
 * privacy redirects) and any other site are all refused.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!origin || origin === "null" || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
