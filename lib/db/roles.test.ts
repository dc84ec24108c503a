import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "./client";
import { migrateWithRoles } from "./migrate";
import { warehouseSql } from "../warehouse/client";
import { runWarehouseQuery } from "../warehouse/query";

// The test database as its superuser: the local `postgres` that runs migrations here.
const owner = postgres(process.env.DATABASE_URL ?? "", { max: 1, onnotice: () => {} });

afterAll(async () => {
  await Promise.all([owner.end(), sql.end(), warehouseSql.end()]);
});

describe("database roles (SPEC §7)", () => {
  it("db:migrate is idempotent: a second run changes nothing and keeps the roles", async () => {
    expect(await migrateWithRoles(owner)).toMatch(/as sluice_owner/);
    const roles = await owner<{ rolname: string; rolsuper: boolean; rolcanlogin: boolean }[]>`
      select rolname, rolsuper, rolcanlogin from pg_roles where rolname like 'sluice\\_%' order by rolname`;
    expect(roles).toEqual([
      { rolname: "sluice_app", rolsuper: false, rolcanlogin: true },
      { rolname: "sluice_owner", rolsuper: false, rolcanlogin: false },
      { rolname: "sluice_reader", rolsuper: false, rolcanlogin: true },
    ]);
    const [tables] = await owner<{ foreign: number }[]>`
      select count(*)::int as foreign from pg_tables where schemaname = 'public' and tableowner <> 'sluice_owner'`;
    expect(tables.foreign).toBe(0);
  });

  it("gives the app role DML on tables later migrations add, whoever creates them", async () => {
    await owner.unsafe(`
      drop table if exists public.later_by_superuser, public.later_by_owner;
      create table public.later_by_superuser (id serial primary key, note text);
      set role sluice_owner;
      create table public.later_by_owner (id serial primary key, note text);
      reset role;
    `);
    for (const table of ["later_by_superuser", "later_by_owner"]) {
      await sql.unsafe(`insert into public.${table} (note) values ('a')`);
      await sql.unsafe(`update public.${table} set note = 'b'`);
      expect(await sql.unsafe(`delete from public.${table} returning note`)).toEqual([{ note: "b" }]);
      await expect(runWarehouseQuery(`select * from public.${table}`)).rejects.toThrow(/permission denied/);
    }
  });

  it("lets the reader read tables later created in schema warehouse, and write none", async () => {
    await owner.unsafe(`
      drop table if exists warehouse.later_facts;
      create table warehouse.later_facts as select 1 as id;
    `);
    expect((await runWarehouseQuery("select id from later_facts")).rows).toEqual([{ id: 1 }]);
    const reader = await warehouseSql.reserve();
    try {
      await expect(reader.unsafe("insert into warehouse.later_facts values (2)")).rejects.toThrow(/read-only/);
    } finally {
      reader.release();
    }
  });
});
