import postgres from "postgres";
import { env } from "../env";
import { appDatabaseUrl } from "../db/roles";

// Session advisory locks live on one connection for the whole job, so they get a pool of their own: borrowing
// from the main pool could leave no connection for the job's queries.
const LOCK_POOL_SIZE = env.WORKER_CONCURRENCY + 1;
const CONNECT_TIMEOUT_SECONDS = 5;
// Two-key advisory locks are a separate space from the one-key ones used elsewhere (idempotency keys).
export const RUN_LOCK_CLASS = 0x5100;

let lockSql: postgres.Sql | undefined;

function pool(): postgres.Sql {
  lockSql ??= postgres(appDatabaseUrl(), {
    max: LOCK_POOL_SIZE,
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    onnotice: () => {},
  });
  return lockSql;
}

export type RunLock = { release(): Promise<void> };

/**
 * Takes the run's lock, or returns null when another process holds it. One attempt of a run at a time, whatever
 * BullMQ does (a stalled job re-queued while its first worker still sends, a job re-added after Redis was
 * flushed). A killed worker's connection closes and Postgres frees its lock at once.
 */
export async function tryLockRun(runId: string): Promise<RunLock | null> {
  const connection = await pool().reserve();
  try {
    const [row] = await connection<
      { locked: boolean }[]
    >`select pg_try_advisory_lock(${RUN_LOCK_CLASS}, hashtext(${runId})) as locked`;
    if (!row?.locked) {
      connection.release();
      return null;
    }
  } catch (error) {
    connection.release();
    throw error;
  }
  return {
    async release() {
      try {
        await connection`select pg_advisory_unlock(${RUN_LOCK_CLASS}, hashtext(${runId}))`;
      } finally {
        connection.release();
      }
    },
  };
}

export async function closeRunLocks(): Promise<void> {
  await lockSql?.end({ timeout: CONNECT_TIMEOUT_SECONDS });
  lockSql = undefined;
}
