// Synthetic long history for the console-pages bench: generate_series inserts straight into the bench database.
import type { Sql } from "postgres";

export const HISTORY = {
  runs: 1_000_000,
  auditEvents: 1_000_000,
  subscriptions: 10_000,
  tokens: 10_000,
  // One subscription that has run far more often than the rest: its page must not read all of them.
  busySubscriptionRuns: 100_000,
};

// A year of history: one run every ~30 s, one audit row every ~30 s.
const SPAN_SECONDS = 365 * 86_400;

/** Loads reports, subscriptions, tokens, models, runs and audit rows; returns the ids the cases use. */
export async function loadHistory(sql: Sql): Promise<{ busySubscriptionId: string; typicalSubscriptionId: string }> {
  const h = HISTORY;
  await sql.unsafe(`
    insert into reports (name, query, key_column)
      select 'Report ' || g, 'select 1 as id', 'id' from generate_series(1, 100) g;
    insert into semantic_models (name, source_query, label_column, id_column)
      select 'Model ' || g, 'select 1 as id, 1 as label', 'label', 'id' from generate_series(1, 100) g;
    insert into subscriptions (name, report_id, format, recipients, subject, created_at)
      select 'Subscription ' || lpad(g::text, 5, '0'),
             (select id from reports order by name offset (g % 100) limit 1),
             'csv', array['r' || g || '@bench.test'], 'Bench',
             now() - make_interval(secs => g * 600)
      from generate_series(1, ${h.subscriptions}) g;
    insert into api_tokens (name, digest, hint, permissions, created_at, expires_at)
      select 'token-' || lpad(g::text, 5, '0'), md5('bench-token-' || g) || md5('x' || g), 'slc_' || substr(md5(g::text), 1, 4),
             array['subscriptions:execute'], now() - make_interval(secs => g * 600), now() + interval '30 days'
      from generate_series(1, ${h.tokens}) g;
  `);
  const [busy] = await sql<{ id: string }[]>`select id from subscriptions order by name limit 1`;
  const [typical] = await sql<{ id: string }[]>`select id from subscriptions order by name offset 5000 limit 1`;
  if (!busy || !typical) throw new Error("bench subscriptions missing");

  const regular = h.runs - h.busySubscriptionRuns;
  // 90 % subscription runs spread over every subscription, 10 % model refreshes; 3 % failed, a few running;
  // 60 % by API, 30 % by schedule, 10 % from the console. None queued: at most one queued run per target.
  await sql.unsafe(`
    insert into runs (kind, status, subscription_id, semantic_model_id, trigger, token_id, created_at, started_at, finished_at, attempts)
      select case when g % 10 = 0 then 'semantic-model-refresh' else 'subscription' end::run_kind,
             case when g % 33 = 0 then 'failed' when g % 49999 = 0 then 'running' else 'succeeded' end::run_status,
             case when g % 10 = 0 then null else ids.subs[1 + g % ${h.subscriptions}] end,
             case when g % 10 = 0 then ids.models[1 + g % 100] end,
             case when g % 10 < 6 then 'api' when g % 10 < 9 then 'schedule' else 'console' end::run_trigger,
             case when g % 10 < 6 then ids.tokens[1 + g % ${h.tokens}] end,
             t, t, t + interval '2 seconds', 1
      from (select (select array_agg(id order by id) from subscriptions) as subs,
                   (select array_agg(id order by id) from semantic_models) as models,
                   (select array_agg(id order by id) from api_tokens) as tokens) ids,
           generate_series(1, ${regular}) g,
           lateral (select date_trunc('milliseconds', now() - make_interval(secs => g * ${SPAN_SECONDS / regular})) as t) at;
    insert into runs (kind, status, subscription_id, trigger, created_at, started_at, finished_at, attempts)
      select 'subscription', 'succeeded', '${busy.id}', 'schedule', t, t, t + interval '2 seconds', 1
      from generate_series(1, ${h.busySubscriptionRuns}) g,
           lateral (select date_trunc('milliseconds', now() - make_interval(secs => g * ${SPAN_SECONDS / h.busySubscriptionRuns}) + interval '7 milliseconds') as t) at;
  `);
  // Audit: mostly token uses, then triggers, sign-ins and a few admin actions, from a handful of people.
  await sql.unsafe(`
    insert into audit_events (at, action, actor_user_id, actor_token_id, actor_label, target_type, target_id, ip, details)
      select date_trunc('milliseconds', now() - make_interval(secs => g * ${SPAN_SECONDS / h.auditEvents})),
             a.action,
             null,
             case when a.by_token then tk.id end,
             case when a.by_token then tk.name else 'admin' || (g % 5) || '@bench.test' end,
             case when a.by_token then 'token' else 'subscription' end,
             case when a.by_token then tk.id::text end,
             '198.51.100.' || (g % 250), '{}'::jsonb
      from (select array_agg(id order by id) as ids, array_agg(name order by id) as names from api_tokens) t,
           generate_series(1, ${h.auditEvents}) g
      cross join lateral (select t.ids[1 + g % ${h.tokens}] as id, t.names[1 + g % ${h.tokens}] as name) tk
      cross join lateral (
        select case when g % 10 < 6 then 'token.used' when g % 10 < 8 then 'subscription.triggered'
                    when g % 10 < 9 then 'sign-in.succeeded' when g % 100 = 99 then 'token.revoked'
                    else 'subscription.updated' end as action,
               g % 10 < 8 as by_token
      ) a;
  `);
  await sql.unsafe(`vacuum analyze`);
  return { busySubscriptionId: busy.id, typicalSubscriptionId: typical.id };
}
