// Creates the database named in DATABASE_URL when it does not exist yet (connects to the `postgres` database).
import postgres from "postgres";
import { env } from "../lib/env";

const target = new URL(env.DATABASE_URL);
const name = decodeURIComponent(target.pathname.slice(1));
if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`Refusing an unusual database name: ${name}`);

const admin = new URL(env.DATABASE_URL);
admin.pathname = "/postgres";
const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
const [row] = await sql`select 1 as found from pg_database where datname = ${name}`;
if (!row) {
  await sql.unsafe(`create database "${name}"`);
  console.log(`created database ${name}`);
}
await sql.end();
