import type postgres from "postgres";
import { firstRow } from "../db/first-row";

/**
 * The demo warehouse: owners, regions, products and a year of sales. Idempotent: tables are created if missing
 * and filled only when empty, so re-running the seed keeps whatever was added since.
 */
export async function loadDemoWarehouse(sql: postgres.Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx.unsafe(`
      create schema if not exists warehouse;
      create table if not exists warehouse.owners (
        id text primary key, name text not null, email text not null
      );
      create table if not exists warehouse.regions (
        id text primary key, name text not null
      );
      create table if not exists warehouse.products (
        id text primary key, name text not null, category text not null, unit_price numeric(10,2) not null
      );
      create table if not exists warehouse.sales (
        id integer primary key, sold_on date not null, product_id text not null references warehouse.products(id),
        region_id text not null references warehouse.regions(id), owner_id text not null references warehouse.owners(id),
        quantity integer not null, amount numeric(12,2) not null
      );
    `);
    const { n } = firstRow(await tx.unsafe<{ n: number }[]>("select count(*)::int as n from warehouse.sales"));
    if (n > 0) return;
    await tx.unsafe(`
      insert into warehouse.owners (id, name, email) values
        ('own-ada', 'Ada Lovelace', 'ada@example.com'),
        ('own-alan', 'Alan Turing', 'alan@example.com'),
        ('own-grace', 'Grace Hopper', 'grace@example.com'),
        ('own-edsger', 'Edsger Dijkstra', 'edsger@example.com'),
        ('own-barbara', 'Barbara Liskov', 'barbara@example.com')
      on conflict do nothing;
      insert into warehouse.regions (id, name) values
        ('north', 'North'), ('south', 'South'), ('east', 'East'), ('west', 'West')
      on conflict do nothing;
      insert into warehouse.products (id, name, category, unit_price) values
        ('p-100', 'Widget', 'Hardware', 19.90), ('p-101', 'Gadget', 'Hardware', 34.50),
        ('p-102', 'Gizmo', 'Hardware', 12.00), ('p-200', 'Support plan', 'Services', 199.00),
        ('p-201', 'Training day', 'Services', 850.00), ('p-300', 'Analytics add-on', 'Software', 79.00)
      on conflict do nothing;
      -- Deterministic pseudo-random rows so every install shows the same demo figures.
      insert into warehouse.sales (id, sold_on, product_id, region_id, owner_id, quantity, amount)
      select g,
             date '2026-01-01' + (g * 7 % 330),
             (array['p-100','p-101','p-102','p-200','p-201','p-300'])[1 + g % 6],
             (array['north','south','east','west'])[1 + (g * 3) % 4],
             (array['own-ada','own-alan','own-grace','own-edsger','own-barbara'])[1 + (g * 5) % 5],
             1 + (g * 13) % 20,
             0
      from generate_series(1, 240) as g;
      update warehouse.sales s set amount = s.quantity * p.unit_price from warehouse.products p where p.id = s.product_id;
    `);
  });
}
