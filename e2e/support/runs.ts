import { expect, type APIRequestContext } from "@playwright/test";
import { bearer } from "./problems";

const FINISHED = ["succeeded", "failed"];

/** Polls GET /api/v1/runs/{id} until the run has finished; returns the final run. */
export async function waitForRun(request: APIRequestContext, token: string, runId: string, timeout = 45_000) {
  let run: { status: string } & Record<string, unknown> = { status: "unknown" };
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/v1/runs/${runId}`, { headers: bearer(token) });
        run = await response.json();
        return run.status;
      },
      { timeout, intervals: [100, 250, 500, 1000] },
    )
    .toMatch(new RegExp(`^(${FINISHED.join("|")})$`));
  return run;
}
