import { sql as dsql } from "drizzle-orm";
import { db } from "../db/client";
import { log } from "../log";

// The console shows a token's last 100 uses; only that many are kept per token.
export const USES_KEPT = 100;
// Usage is written in one batch per second, whatever the request rate (the request path only touches memory).
const FLUSH_INTERVAL_MS = 1_000;
// Bounds memory between flushes when a flood uses very many tokens; past it new tokens wait for the next flush.
const MAX_PENDING_TOKENS = 10_000;
// Longer paths are cut: the column is for reading, not replay.
const MAX_PATH_LENGTH = 300;

type Use = { at: string; ip: string | null; method: string; path: string; status: number };
type Pending = { uses: Use[]; days: Map<string, { accepted: number; refused: number }> };

let pending = new Map<string, Pending>();
let flushTimer: NodeJS.Timeout | undefined;

/** Notes one request made with a token: counted per day (accepted or refused) and kept among its latest uses. */
export function noteTokenRequest(
  tokenId: string,
  ip: string | null,
  method: string,
  path: string,
  status: number,
  now = Date.now(),
): void {
  let entry = pending.get(tokenId);
  if (!entry) {
    if (pending.size >= MAX_PENDING_TOKENS) return;
    entry = { uses: [], days: new Map() };
    pending.set(tokenId, entry);
  }
  const at = new Date(now).toISOString();
  entry.uses.push({ at, ip, method, path: path.slice(0, MAX_PATH_LENGTH), status });
  if (entry.uses.length > USES_KEPT) entry.uses.shift();
  const day = at.slice(0, 10);
  const counts = entry.days.get(day) ?? { accepted: 0, refused: 0 };
  if (status < 400) counts.accepted++;
  else counts.refused++;
  entry.days.set(day, counts);
  if (!flushTimer) {
    flushTimer = setTimeout(() => void flushTokenUsage(), FLUSH_INTERVAL_MS);
    flushTimer.unref();
  }
}

/** Writes what was noted since the last flush: the uses, the per-day counts, then drops uses past the last 100. */
export async function flushTokenUsage(): Promise<void> {
  flushTimer = undefined;
  if (pending.size === 0) return;
  const batch = pending;
  pending = new Map();
  const uses = [...batch].flatMap(([tokenId, entry]) => entry.uses.map((use) => ({ tokenId, ...use })));
  const days = [...batch].flatMap(([tokenId, entry]) =>
    [...entry.days].map(([day, counts]) => ({ tokenId, day, ...counts })),
  );
  try {
    await db.transaction(async (tx) => {
      await tx.execute(dsql`
        with uses as (
          insert into token_uses (token_id, at, ip, method, path, status)
          select "tokenId", at, ip, method, path, status
          from jsonb_to_recordset(${JSON.stringify(uses)}::jsonb)
            as u("tokenId" uuid, at timestamptz, ip text, method text, path text, status int)
          order by at
        )
        insert into token_usage_daily as d (token_id, day, accepted, refused)
        select "tokenId", day, accepted, refused
        from jsonb_to_recordset(${JSON.stringify(days)}::jsonb) as c("tokenId" uuid, day date, accepted int, refused int)
        on conflict (token_id, day) do update
          set accepted = d.accepted + excluded.accepted, refused = d.refused + excluded.refused`);
      await tx.execute(dsql`
        delete from token_uses t
        using (
          select token_id, id from (
            select token_id, id, row_number() over (partition by token_id order by id desc) as n
            from token_uses
            where token_id in (select jsonb_array_elements_text(${JSON.stringify([...batch.keys()])}::jsonb)::uuid)
          ) ranked where n > ${USES_KEPT}
        ) old
        where t.id = old.id`);
    });
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "token usage write failed");
  }
}
