import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { firstRow } from "../db/first-row";
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
  let modelId = await idByName(semanticModels, DEMO_MODEL_NAME);
  if (!modelId) {
    ({ id: modelId } = firstRow(
      await db
        .insert(semanticModels)
        .values({
          name: DEMO_MODEL_NAME,
          sourceQuery: "select id, name from owners order by name",
          labelColumn: "name",
          idColumn: "id",
        })
        .returning({ id: semanticModels.id }),
    ));
    const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
    if (admin) await startModelRefresh(modelId, { trigger: "console", userId: admin.id });
  }

  let reportId = await idByName(reports, DEMO_REPORT_NAME);
  if (!reportId) {
    ({ id: reportId } = firstRow(
      await db
        .insert(reports)
        .values({ name: DEMO_REPORT_NAME, query: DEMO_REPORT_QUERY, keyColumn: "product_id" })
        .returning({ id: reports.id }),
    ));
    await db
      .insert(reportInputColumns)
      .values({ reportId, name: "Account owner", type: "single", semanticModelId: modelId, position: 0 });
  }

  if (!(await idByName(subscriptions, DEMO_SUBSCRIPTION_NAME))) {
    await db.insert(subscriptions).values({
      name: DEMO_SUBSCRIPTION_NAME,
      reportId,
      format: "pdf",
      recipients: ["sales-team@example.com", "finance@example.com"],
      subject: "Weekly sales by product",
      message: "Good morning — attached are this week's sales by product.",
      frequency: "manual",
    });
  }
}

async function idByName(
  table: typeof semanticModels | typeof reports | typeof subscriptions,
  name: string,
): Promise<string | null> {
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.name, name)).limit(1);
  return row?.id ?? null;
}
