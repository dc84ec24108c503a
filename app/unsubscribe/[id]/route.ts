import { clientIp } from "@/lib/api/client-ip";
import { log } from "@/lib/log";
import { escapeHtml } from "@/lib/mail/report-html";
import { verifyUnsubscribeId } from "@/lib/subscriptions/unsubscribe-link";
import { unsubscribe } from "@/lib/subscriptions/unsubscribes";

export const dynamic = "force-dynamic";

// A page of its own (no console layout, no session): whoever holds the e-mail's link may use it, and learns nothing
// but the address it was sent to.
function page(status: number, title: string, body: string): Response {
  return new Response(
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} · Sluice</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
<h1>${title}</h1>
${body}
</body></html>`,
    { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } },
  );
}

function invalidLink(): Response {
  return page(
    400,
    "This unsubscribe link is invalid",
    "<p>The link is incomplete or was changed. Use the unsubscribe link of the e-mail itself, as it arrived.</p>",
  );
}

// GET /unsubscribe/{signed id} — asks first: link checkers and previews fetch links, and must not unsubscribe anyone
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const link = verifyUnsubscribeId(id);
  if (!link) return invalidLink();
  return page(
    200,
    "Unsubscribe",
    `<p>Stop sending this report to <strong>${escapeHtml(link.email)}</strong>?</p>
<form method="post"><button type="submit" style="padding: 0.5rem 1rem">Unsubscribe</button></form>`,
  );
}

// POST /unsubscribe/{signed id} — the page's button, or a mail client's one-click unsubscribe (RFC 8058)
export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const link = verifyUnsubscribeId(id);
  if (!link) return invalidLink();
  try {
    await unsubscribe(link.subscriptionId, link.email, clientIp(request.headers));
  } catch (error) {
    log.error({ err: error instanceof Error ? error.message : String(error) }, "unsubscribe failed");
    return new Response("Unsubscribing is unavailable right now; try again shortly.", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5" },
    });
  }
  return page(
    200,
    "You are unsubscribed",
    `<p><strong>${escapeHtml(link.email)}</strong> will not get this report any more.</p>`,
  );
}
