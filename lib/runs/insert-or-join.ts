import { getTableColumns, sql as dsql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { runs, type Run } from "../db/schema";

/** One trigger's part of the statement: its target and what its run and audit row record. */
export type StartRequest = {
  kind: Run["kind"];
  targetId: string;
  trigger: Run["trigger"];
  tokenId: string | null;
  userId: string | null;
  label: string | null;
  ip: string | null;
  auditAction: string;
  auditTargetType: string;
};

export type StartOutcome =
  | { outcome: "started"; run: Run; created: boolean }
  | { outcome: "not_found" }
  | { outcome: "paused" }
  // The target is active, nothing was inserted and no queued run was visible: the run it collided with has started.
  | { outcome: "collided" };

const RUN_COLUMNS = Object.entries(getTableColumns(runs));

/** A `runs` row read by raw SQL (database column names, driver values), as the query builder would return it. */
function runFromRow(row: Record<string, unknown>): Run {
  const entries = RUN_COLUMNS.map(([key, column]) => {
    const value = row[column.name];
    return [key, value === null || value === undefined ? null : column.mapFromDriverValue(value)];
  });
  return Object.fromEntries(entries) as Run;
}

type Row = Record<string, unknown> & {
  req_i: number;
  target_status: string | null;
  id: string | null;
  created: boolean;
};

/**
 * Starts or joins runs for several triggers in one statement (one round trip, one commit): for each target that
 * exists (a subscription must be active) and has no queued run, the first trigger inserts one and the others join
 * it; a target with a queued run is joined. Every trigger that starts or joins gets its audit row in the same
 * statement, and the target's status comes back so that a refusal needs no second query.
 */
export async function insertOrJoinMany(executor: Db | Tx, requests: StartRequest[]): Promise<StartOutcome[]> {
  const input = JSON.stringify(
    requests.map((r, i) => ({
      i,
      kind: r.kind,
      target: r.targetId,
      trigger: r.trigger,
      token_id: r.tokenId,
      user_id: r.userId,
      label: r.label,
      ip: r.ip,
      action: r.auditAction,
      target_type: r.auditTargetType,
    })),
  );
  // The partial unique indexes allow one queued run per subscription or model: an insert that meets one does nothing,
  // and the trigger joins the queued run instead.
  const rows = await executor.execute<Row>(dsql`
    with req as (
      select * from jsonb_to_recordset(${input}::jsonb) as r(
        i int, kind run_kind, target uuid, trigger run_trigger, token_id uuid, user_id uuid,
        label text, ip text, action text, target_type text)
    ),
    target_state as (
      select req.i, case when req.kind = 'subscription'
        then (select s.status::text from subscriptions s where s.id = req.target)
        else (select 'active' from semantic_models m where m.id = req.target) end as status
      from req
    ),
    eligible as (select req.* from req join target_state using (i) where target_state.status = 'active'),
    firsts as (select distinct on (kind, target) * from eligible order by kind, target, i),
    inserted as (
      insert into ${runs} (kind, subscription_id, semantic_model_id, trigger, token_id, user_id)
      select kind, case when kind = 'subscription' then target end, case when kind <> 'subscription' then target end,
             trigger, token_id, user_id
      from firsts order by i
      on conflict do nothing
      returning *
    ),
    already_queued as (
      select * from ${runs} where kind = 'subscription' and status = 'queued' and resend_recipients is null
        and subscription_id in (select target from eligible where kind = 'subscription')
      union all
      select * from ${runs} where kind = 'semantic-model-refresh' and status = 'queued'
        and semantic_model_id in (select target from eligible where kind = 'semantic-model-refresh')
    ),
    candidates as (
      select true as is_new, inserted.* from inserted
      union all
      select false as is_new, already_queued.* from already_queued
    ),
    picked as (
      select distinct on (kind, coalesce(subscription_id, semantic_model_id))
             coalesce(subscription_id, semantic_model_id) as picked_target, candidates.*
      from candidates order by kind, coalesce(subscription_id, semantic_model_id), is_new desc
    ),
    started as (
      select e.i as started_i, (p.is_new and f.i = e.i) as created, e.token_id as req_token_id,
             e.user_id as req_user_id, e.label as req_label, e.ip as req_ip, e.action as req_action,
             e.target_type as req_target_type, e.trigger as req_trigger, e.target as req_target, p.*
      from eligible e
      join picked p on p.kind = e.kind and p.picked_target = e.target
      join firsts f on f.kind = e.kind and f.target = e.target
    ),
    audited as (
      insert into audit_events (action, actor_user_id, actor_token_id, actor_label, target_type, target_id, ip, details)
      select req_action, req_user_id, req_token_id, req_label, req_target_type, req_target::text, req_ip,
             jsonb_build_object('runId', id, 'trigger', req_trigger::text)
               || case when created then '{}'::jsonb else '{"joinedExistingRun": true}'::jsonb end
      from started
      order by started_i
    )
    select target_state.i as req_i, target_state.status as target_status, started.*
    from target_state left join started on started.started_i = target_state.i`);
  const byRequest = new Map(rows.map((row) => [Number(row.req_i), row]));
  return requests.map((_, i): StartOutcome => {
    const row = byRequest.get(i);
    if (!row?.target_status) return { outcome: "not_found" };
    if (row.target_status !== "active") return { outcome: "paused" };
    if (!row.id) return { outcome: "collided" };
    return { outcome: "started", run: runFromRow(row), created: row.created === true };
  });
}
