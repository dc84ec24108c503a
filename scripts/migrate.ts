import postgres from "postgres";
import { env } from "../lib/env";
import { migrateWithRoles } from "../lib/db/migrate";

const sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
console.log(await migrateWithRoles(sql));
await sql.end();
