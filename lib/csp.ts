/**
 * The Content-Security-Policy. Pages get a fresh nonce per request from proxy.ts: Next puts it on its own scripts,
 * so no inline script runs without it ('strict-dynamic' lets those scripts load the chunks they need). Responses that
 * are not pages (the API) get the policy without a nonce, where no script may run inline at all.
 */
export function contentSecurityPolicy({ nonce, development }: { nonce?: string; development: boolean }): string {
  // React's development build evaluates code for its error overlays; production never does.
  const evaluation = development ? " 'unsafe-eval'" : "";
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scripts}${evaluation}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
