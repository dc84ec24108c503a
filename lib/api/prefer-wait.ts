import { presentRun } from "../runs/present";
import { isFinished, waitForRun } from "../runs/wait";
import type { Run } from "../db/schema";

// SPEC §9: N from 1 to 60 seconds.
export const PREFER_WAIT_MIN_SECONDS = 1;
export const PREFER_WAIT_MAX_SECONDS = 60;

/**
 * The `wait` preference of a `Prefer` header (RFC 7240), or null. A value outside 1–60 or not a whole number is
 * ignored, not clamped: RFC 7240 lets a server ignore a preference it cannot honour, and an answer that waited less
 * than asked while saying `Preference-Applied: wait=N` would mislead. The request then gets today's answer.
 */
export function preferredWait(headers: Headers): number | null {
  const header = headers.get("prefer");
  if (!header) return null;
  for (const preference of header.split(",")) {
    // Parameters after `;` belong to the preference and do not change it.
    const [token, ...rest] = (preference.split(";")[0] ?? "").split("=");
    const [raw] = rest;
    if (token?.trim().toLowerCase() !== "wait" || rest.length !== 1 || raw === undefined) continue;
    const value = raw.trim().replace(/^"(.*)"$/, "$1");
    if (!/^\d{1,2}$/.test(value)) return null;
    const seconds = Number(value);
    return seconds >= PREFER_WAIT_MIN_SECONDS && seconds <= PREFER_WAIT_MAX_SECONDS ? seconds : null;
  }
  return null;
}

/**
 * With `Prefer: wait=N`, waits for the run and answers 200 + `Preference-Applied` when it finished in time.
 * Otherwise (no preference, or not finished) returns `fallback` with the run's state at that moment.
 */
export async function answerAfterWait(request: Request, run: Run, fallback: (run: Run) => Response): Promise<Response> {
  const seconds = preferredWait(request.headers);
  if (seconds === null) return fallback(run);
  const current = await waitForRun(run, seconds);
  if (!isFinished(current)) return fallback(current);
  return Response.json(presentRun(current), {
    status: 200,
    headers: {
      "Preference-Applied": `wait=${seconds}`,
      Location: `/api/v1/runs/${current.id}`,
      "Cache-Control": "no-store",
      Vary: "Prefer",
    },
  });
}
