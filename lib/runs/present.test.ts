import { describe, expect, it } from "vitest";
import type { Run } from "../db/schema";
import { presentRun } from "./present";

const run: Run = {
  id: "0b6f4d2e-8d7c-4a1e-9a53-3f1f3c2b1a00",
  kind: "subscription",
  status: "running",
  subscriptionId: "5a0c1f4e-2b3d-4c5e-8f90-1a2b3c4d5e6f",
  semanticModelId: null,
  trigger: "api",
  tokenId: null,
  userId: null,
  createdAt: new Date("2026-11-29T10:00:00.000Z"),
  startedAt: new Date("2026-11-29T10:00:01.000Z"),
  finishedAt: null,
  attempts: 1,
  error: null,
  result: null,
  heartbeatAt: null,
  retryAt: null,
  progress: { rows: 250_000, recipientsSent: 0, recipientsTotal: 3 },
  resendRecipients: null,
};

describe("presentRun progress", () => {
  it("shows how far a running run is", () => {
    expect(presentRun(run).progress).toEqual({ rows: 250_000, recipientsSent: 0, recipientsTotal: 3 });
  });

  it("leaves it out once the run has ended (the result says the rest) and before it starts", () => {
    expect(presentRun({ ...run, status: "succeeded" })).not.toHaveProperty("progress");
    expect(presentRun({ ...run, status: "queued", progress: null })).not.toHaveProperty("progress");
  });
});
