// Idempotent: the first admin (only when no user exists), the demo warehouse and the demo objects.
import postgres from "postgres";
import { env } from "../lib/env";
import { sql } from "../lib/db/client";
import { warehouseSql } from "../lib/warehouse/client";
import { loadDemoWarehouse } from "../lib/warehouse/demo-data";
import { ensureFirstAdmin } from "../lib/seed/admin";
import { seedDemoObjects } from "../lib/seed/demo-objects";
import { closeRunsQueue } from "../lib/queue/producer";

const admin = await ensureFirstAdmin(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
if (admin.generatedPassword) {
  console.log(
    `first admin: ${env.ADMIN_EMAIL} with generated password ${admin.generatedPassword} (shown once; change it or set ADMIN_PASSWORD)`,
  );
} else if (admin.created) {
  console.log(`first admin: ${env.ADMIN_EMAIL} (password from ADMIN_PASSWORD)`);
}
// The demo warehouse lives in the app database; an external WAREHOUSE_URL is read-only and keeps its own data.
if (!env.WAREHOUSE_URL) {
  const owner = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await loadDemoWarehouse(owner);
  await owner.end();
}
await seedDemoObjects();
console.log("seed complete");
await Promise.all([sql.end(), warehouseSql.end(), closeRunsQueue()]);
