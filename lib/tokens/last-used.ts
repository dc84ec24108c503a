import { sql as dsql } from "drizzle-orm";
import { db } from "../db/client";
import { log } from "../log";
import { createThrottle } from "../util/throttle";
import type { VerifiedToken } from "./verify";

// SPEC §3: at most one last-used write per token per minute. Per process here; the SQL guard below covers several.
const USE_RECORD_INTERVAL_MS = 60_000;
const MAX_TRACKED_TOKENS = 50_000;
// Uses are written in one statement per second, whatever the request rate.
const FLUSH_INTERVAL_MS = 1_000;

const shouldRecordUse = createThrottle(USE_RECORD_INTERVAL_MS, MAX_TRACKED_TOKENS);
const pending = new Map<string, { id: string; name: string; ip: string | null; at: string }>();
let flushTimer: NodeJS.Timeout | undefined;

/** Notes that a token was used; the write happens later in a batch, off the request's path. */
export function noteTokenUse(token: Pick<VerifiedToken, "id" | "name">, ip: string | null, now = Date.now()): void {
  if (!shouldRecordUse(token.id, now)) return;
  pending.set(token.id, { id: token.id, name: token.name, ip, at: new Date(now).toISOString() });
  if (!flushTimer) {
    flushTimer = setTimeout(() => void flushTokenUses(), FLUSH_INTERVAL_MS);
    flushTimer.unref();
  }
}

/** Writes the pending uses: last used time and IP on each token, and one "token.used" audit row per write. */
export async function flushTokenUses(): Promise<void> {
  flushTimer = undefined;
  if (pending.size === 0) return;
  const batch = JSON.stringify([...pending.values()]);
  pending.clear();
  try {
    await db.execute(dsql`
      with used as (select * from jsonb_to_recordset(${batch}::jsonb) as u(id uuid, name text, ip text, at timestamptz)),
      updated as (
        update api_tokens t set last_used_at = used.at, last_used_ip = used.ip
        from used
        where t.id = used.id and (t.last_used_at is null or t.last_used_at < used.at - interval '1 minute')
        returning t.id, used.name, used.ip
      )
      insert into audit_events (action, actor_token_id, actor_label, target_type, target_id, ip)
      select 'token.used', id, 'token ' || name, 'api-token', id::text, ip from updated`);
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "last-used write failed");
  }
}
