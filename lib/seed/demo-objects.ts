import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { reportInputColumns, reports, semanticModels, subscriptions, users } from "../db/schema";
import { startModelRefresh } from "../runs/start";

export const DEMO_MODEL_NAME = "Account owners";
export const DEMO_REPORT_NAME = "Sales by product";
export const DEMO_SUBSCRIPTION_NAME = "Weekly sales digest";

const DEMO_REPORT_QUERY = `select p.id as product_id, p.name as product, p.category,
       coalesce(sum(s.quantity), 0) as units, coalesce(sum(s.amount), 0) as revenue
from products p left join sales s on s.product_id = p.id
group by p.id, p.name, p.category
order by p.id`;

/**
 * The demo the README walks through: a semantic model of warehouse owners, a report over sales with an
 * "Account owner" dropdown bound to it, and a subscription that mails the report. Each is created only when
 * no object of that name exists, so re-running the seed changes nothing.
 */
export async function seedDemoObjects(): Promise<void> {
  const model = await findOrCreate(semanticModels, DEMO_MODEL_NAME, {
    name: DEMO_MODEL_NAME,
    sourceQuery: "select id, name from owners order by name",
    labelColumn: "name",
    idColumn: "id",
  });
  if (model.created) {
    const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
    if (admin) await startModelRefresh(model.id, { trigger: "console", userId: admin.id });
  }

  const report = await findOrCreate(reports, DEMO_REPORT_NAME, { name: DEMO_REPORT_NAME, query: DEMO_REPORT_QUERY, keyColumn: "product_id" });
  if (report.created) {
    await db.insert(reportInputColumns).values({ reportId: report.id, name: "Account owner", type: "single", semanticModelId: model.id, position: 0 });
  }

  await findOrCreate(subscriptions, DEMO_SUBSCRIPTION_NAME, {
    name: DEMO_SUBSCRIPTION_NAME,
    reportId: report.id,
    format: "pdf",
    recipients: ["sales-team@example.com", "finance@example.com"],
    subject: "Weekly sales by product",
    message: "Good morning — attached are this week's sales by product.",
    frequency: "manual",
  });
}

type Named = typeof semanticModels | typeof reports | typeof subscriptions;

async function findOrCreate<T extends Named>(table: T, name: string, values: T["$inferInsert"]): Promise<{ id: string; created: boolean }> {
  const [existing] = await db.select({ id: table.id }).from(table as Named).where(eq(table.name, name)).limit(1);
  if (existing) return { id: existing.id, created: false };
  const [inserted] = await db.insert(table as Named).values(values as never).returning({ id: table.id });
  return { id: inserted.id, created: true };
}
