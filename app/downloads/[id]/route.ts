import { z } from "zod";
import { clientIp } from "@/lib/api/client-ip";
import { findDownload, largeObjectStream, recordDownload } from "@/lib/downloads/files";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const linkSchema = z.object({ id: z.uuid(), sig: z.string().min(1).max(200) });

const INVALID_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Download link invalid or expired · Sluice</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
<h1>This download link is invalid or has expired</h1>
<p>Links to large reports work for a limited number of days. Ask the sender for a new run of the report.</p>
</body></html>`;

function invalidLink(): Response {
  return new Response(INVALID_PAGE, {
    status: 404,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

// GET /downloads/{id}?sig=… — a report too large to e-mail, for whoever holds the signed link until it expires
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const link = linkSchema.safeParse({ id, sig: new URL(request.url).searchParams.get("sig") ?? "" });
  if (!link.success) return invalidLink();
  let body: ReadableStream<Uint8Array> | undefined;
  let file;
  try {
    file = await findDownload(link.data.id, link.data.sig);
    if (!file) return invalidLink();
    body = await largeObjectStream(file.objectId);
    await recordDownload(file, clientIp(request.headers));
  } catch (error) {
    // The stream holds a reserved connection until it ends: give it back when the download cannot go ahead.
    await body?.cancel().catch(() => {});
    log.error({ err: error instanceof Error ? error.message : String(error) }, "download failed");
    return new Response("The download is unavailable right now; try again shortly.", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5" },
    });
  }
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes),
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
