import type postgres from "postgres";
import { APP_ROLE, OWNER_ROLE, READER_ROLE, rolePassword } from "./roles";
import { firstRow } from "./first-row";

// The schemas Sluice's migrations own: the app tables, drizzle's journal, the default warehouse.
const OWNED_SCHEMAS = ["public", "drizzle", "warehouse"];
// What a reader session may never do, whatever a query asks: write, or run long.
const READER_STATEMENT_TIMEOUT = "5min";

export type RolesOutcome = { managed: boolean; reason?: string };

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * SPEC §7, before migrations: the owner, app and reader roles exist (created when missing, passwords set from
 * AUTH_SECRET), the owner owns Sluice's schemas and objects, and default privileges give the app role DML on every
 * table later created in `public` and the reader SELECT on every table later created in `warehouse` — whoever of
 * the owner or the migrating role (e.g. the local `postgres`) creates it. Idempotent; skipped when the connecting
 * role may not create roles.
 */
export async function prepareRoles(sql: postgres.Sql): Promise<RolesOutcome> {
  const me = firstRow(
    await sql<{ name: string; superuser: boolean; createrole: boolean; database: string }[]>`
      select current_user as name, rolsuper as superuser, rolcreaterole as createrole, current_database() as database
      from pg_roles where rolname = current_user
    `,
  );
  if (me.name === OWNER_ROLE) return { managed: true };
  if (!me.superuser && !me.createrole) {
    return { managed: false, reason: `${me.name} may not create roles` };
  }
  const database = ident(me.database);
  const migrator = ident(me.name);
  for (const [role, login] of [
    [OWNER_ROLE, false],
    [APP_ROLE, true],
    [READER_ROLE, true],
  ] as const) {
    // Roles belong to the whole server: two databases (or two test runs) may create them at the same moment.
    await sql.unsafe(`
      do $$ begin
        if not exists (select from pg_roles where rolname = '${role}') then
          create role ${role} ${login ? "login" : "nologin"};
        end if;
      exception when duplicate_object or unique_violation then null;
      end $$`);
  }
  await retryConcurrent(() =>
    sql.unsafe(`
      alter role ${OWNER_ROLE} nologin nosuperuser nocreaterole nocreatedb;
      alter role ${APP_ROLE} login nosuperuser nocreaterole nocreatedb nobypassrls password '${rolePassword(APP_ROLE)}';
      alter role ${READER_ROLE} login nosuperuser nocreaterole nocreatedb nobypassrls password '${rolePassword(READER_ROLE)}';
      alter role ${READER_ROLE} set default_transaction_read_only = on;
      alter role ${READER_ROLE} set statement_timeout = '${READER_STATEMENT_TIMEOUT}';
      grant ${OWNER_ROLE} to ${migrator};
      grant connect, create on database ${database} to ${OWNER_ROLE};
      grant connect on database ${database} to ${APP_ROLE}, ${READER_ROLE};
      grant usage, create on schema public to ${OWNER_ROLE};
      grant usage on schema public to ${APP_ROLE};
      create schema if not exists drizzle authorization ${OWNER_ROLE};
      create schema if not exists warehouse authorization ${OWNER_ROLE};
      grant usage on schema warehouse to ${READER_ROLE};
    `),
  );
  await sql.unsafe(transferOwnership(OWNER_ROLE));
  for (const creator of new Set([OWNER_ROLE, me.name])) {
    await retryConcurrent(() =>
      sql.unsafe(`
        alter default privileges for role ${ident(creator)} in schema public
          grant select, insert, update, delete on tables to ${APP_ROLE};
        alter default privileges for role ${ident(creator)} in schema public
          grant usage, select, update on sequences to ${APP_ROLE};
        alter default privileges for role ${ident(creator)} in schema warehouse
          grant select on tables to ${READER_ROLE};
      `),
    );
  }
  return { managed: true };
}

/** After migrations: the app role's rights on today's tables, minus any change to the audit trail. */
export async function grantAfterMigrations(sql: postgres.Sql): Promise<void> {
  await retryConcurrent(() =>
    sql.unsafe(`
      grant select, insert, update, delete on all tables in schema public to ${APP_ROLE};
      grant usage, select, update on all sequences in schema public to ${APP_ROLE};
      revoke update, delete, truncate on table audit_events from ${APP_ROLE};
      revoke all on all tables in schema public from ${READER_ROLE};
      grant select on all tables in schema warehouse to ${READER_ROLE};
    `),
  );
}

/** Existing objects in Sluice's schemas that the migrating role owns pass to the owner role. */
function transferOwnership(owner: string): string {
  const schemas = OWNED_SCHEMAS.map((s) => `'${s}'`).join(", ");
  return `
    do $$ declare object record; begin
      for object in
        select c.oid::regclass::text as name, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in (${schemas}) and c.relowner = current_user::regrole and c.relkind in ('r', 'p', 'v', 'm', 'S')
      loop
        -- A sequence owned by a column follows its table.
        if object.relkind = 'S' and exists (select from pg_depend d where d.objid = object.name::regclass and d.deptype in ('a', 'i')) then
          continue;
        end if;
        execute format('alter %s %s owner to ${owner}',
          case object.relkind when 'v' then 'view' when 'm' then 'materialized view' when 'S' then 'sequence' else 'table' end,
          object.name);
      end loop;
      for object in
        select p.oid::regprocedure::text as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in (${schemas}) and p.proowner = current_user::regrole
      loop
        execute format('alter routine %s owner to ${owner}', object.name);
      end loop;
      for object in
        select t.oid::regtype::text as name from pg_type t join pg_namespace n on n.oid = t.typnamespace
        where n.nspname in (${schemas}) and t.typowner = current_user::regrole and t.typtype in ('e', 'd')
      loop
        execute format('alter type %s owner to ${owner}', object.name);
      end loop;
      for object in
        select nspname as name from pg_namespace where nspname in ('drizzle', 'warehouse') and nspowner = current_user::regrole
      loop
        execute format('alter schema %I owner to ${owner}', object.name);
      end loop;
    end $$`;
}

// Two migrations at once (two test runs, two replicas starting) may grant on the same catalog row.
async function retryConcurrent<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const concurrent = error instanceof Error && /tuple concurrently (updated|deleted)/.test(error.message);
      if (!concurrent || attempt >= attempts) throw error;
    }
  }
}
