import { parseJsonBody } from "@/lib/api/body";
import { clientIp } from "@/lib/api/client-ip";
import { withProblems } from "@/lib/api/handle";
import { enforceLeakReportLimit } from "@/lib/api/leak-report-limit";
import { reportLeakedTokens } from "@/lib/tokens/leaks";
import { tokenLeakReportSchema } from "@/lib/tokens/schemas";

// POST /api/v1/token-leaks — report leaked tokens (no auth): live ones are revoked, their creators e-mailed
// The answer never says whether any was live.
export const POST = withProblems(async (request) => {
  const ip = clientIp(request.headers);
  await enforceLeakReportLimit(ip);
  const { tokens } = await parseJsonBody(request, tokenLeakReportSchema);
  await reportLeakedTokens(tokens, ip);
  return Response.json({ received: tokens.length }, { status: 202, headers: { "Cache-Control": "no-store" } });
});
