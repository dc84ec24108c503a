import type { Run } from "../lib/db/schema";
import type { Attempt } from "../lib/runs/attempt";
import { deliverSubscriptionRun } from "../lib/subscriptions/deliver";

/** Processor for `subscription` runs: the domain function renders, delivers and finishes the run. */
export async function processSubscriptionRun(run: Run, attempt: Attempt): Promise<Record<string, unknown>> {
  return deliverSubscriptionRun(run, attempt);
}
