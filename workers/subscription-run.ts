import type { Run } from "../lib/db/schema";
import { deliverSubscriptionRun } from "../lib/subscriptions/deliver";

/** Processor for `subscription` runs: the domain function renders, delivers and finishes the run. */
export async function processSubscriptionRun(run: Run): Promise<Record<string, unknown>> {
  return deliverSubscriptionRun(run);
}
