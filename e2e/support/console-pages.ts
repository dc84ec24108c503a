// Every console page, with ids of real objects for the detail pages, for checks that walk them all (accessibility,
// small screens). Detail pages use the seeded demo objects plus a finished run and a webhook endpoint made here.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { systemActor } from "../../lib/audit/record";

export async function consolePages(): Promise<string[]> {
  const { db } = await import("../../lib/db/client");
  const { reports, runs, semanticModels, subscriptions } = await import("../../lib/db/schema");
  const { DEMO_MODEL_NAME, DEMO_REPORT_NAME, DEMO_SUBSCRIPTION_NAME } = await import("../../lib/seed/demo-objects");
  const { createEndpoint } = await import("../../lib/webhooks/repository");
  const [subscription] = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(eq(subscriptions.name, DEMO_SUBSCRIPTION_NAME));
  const [model] = await db
    .select({ id: semanticModels.id })
    .from(semanticModels)
    .where(eq(semanticModels.name, DEMO_MODEL_NAME));
  const [report] = await db.select({ id: reports.id }).from(reports).where(eq(reports.name, DEMO_REPORT_NAME));
  if (!subscription || !model || !report) throw new Error("seeded demo objects missing");
  const [run] = await db
    .insert(runs)
    .values({
      kind: "subscription",
      status: "failed",
      subscriptionId: subscription.id,
      trigger: "console",
      startedAt: new Date(),
      finishedAt: new Date(),
      attempts: 1,
      error: { message: "Example failure for the page checks." },
    })
    .returning({ id: runs.id });
  const endpoint = await createEndpoint(
    { url: `http://127.0.0.1:9/pages-${randomUUID()}`, events: ["token.expiring"], description: "page checks" },
    systemActor("test fixture"),
  );
  return [
    "/",
    "/tokens",
    "/subscriptions",
    "/subscriptions/new",
    `/subscriptions/${subscription.id}`,
    `/subscriptions/${subscription.id}/edit`,
    "/semantic-models",
    "/semantic-models/new",
    `/semantic-models/${model.id}`,
    "/reports",
    "/reports/new",
    `/reports/${report.id}`,
    `/reports/${report.id}/edit`,
    "/runs",
    `/runs/${run?.id}`,
    "/webhooks",
    `/webhooks/${endpoint.id}`,
    "/audit",
    "/users",
    "/account",
    "/settings/holidays",
    "/docs",
  ];
}
