import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";
import { readyRedis, sharedRedis } from "../redis";
import { withTimeout } from "../util/timeout";
import { processSingleton } from "../util/process-singleton";

// One address may fail this often in the window, whatever the accounts it tries.
const MAX_FAILURES_PER_IP = 10;
const WINDOW_SECONDS = 15 * 60;
// Per account and address: this many attempts go through at once; after that each one waits twice as long.
const FREE_ATTEMPTS = 5;
const FIRST_DELAY_MS = 1_000;
// The delay stops doubling here: a person who forgot a password is slowed, never locked out.
const MAX_DELAY_MS = WINDOW_SECONDS * 1_000;
// Bounds the per-process fallback's memory; clearing it at worst forgets some delays.
const MAX_PAIRS_WITHOUT_REDIS = 50_000;
// A sign-in does not wait on a slow Redis; past this the process counts on its own.
const REDIS_TIMEOUT_MS = 1_000;

/**
 * Per (account, address): refuses an attempt made before its wait is over; otherwise counts it (as a failure until
 * it succeeds) and sets the wait the next attempt must respect. Atomic, so concurrent attempts cannot slip through.
 * Returns {allowed, waitMs}.
 */
const PAIR_SCRIPT = `
local now = tonumber(ARGV[1])
local state = redis.call('HMGET', KEYS[1], 'attempts', 'next')
local attempts = tonumber(state[1]) or 0
local nextAt = tonumber(state[2]) or 0
if now < nextAt then return {0, nextAt - now} end
attempts = attempts + 1
local delay = 0
if attempts >= tonumber(ARGV[2]) then
  delay = math.min(tonumber(ARGV[3]) * 2 ^ (attempts - tonumber(ARGV[2])), tonumber(ARGV[4]))
end
redis.call('HSET', KEYS[1], 'attempts', attempts, 'next', now + delay)
redis.call('PEXPIRE', KEYS[1], math.floor(delay) + tonumber(ARGV[5]))
return {1, 0}`;

type PairState = { attempts: number; next: number };

function counters(): { ip: RateLimiterRedis; pairsWithoutRedis: Map<string, PairState> } {
  return processSingleton("sign-in-counters", () => ({
    ip: new RateLimiterRedis({
      storeClient: sharedRedis(),
      keyPrefix: `${env.QUEUE_PREFIX}:signin:ip`,
      points: MAX_FAILURES_PER_IP,
      duration: WINDOW_SECONDS,
      insuranceLimiter: new RateLimiterMemory({ points: MAX_FAILURES_PER_IP, duration: WINDOW_SECONDS }),
    }),
    pairsWithoutRedis: new Map(),
  }));
}

const accountKey = (email: string) => email.trim().toLowerCase();
// Hashed: the key holds an e-mail address, which need not sit in Redis in the clear.
const pairKey = (email: string, ip: string | null) =>
  `${env.QUEUE_PREFIX}:signin:pair:` +
  createHash("sha256")
    .update(`${accountKey(email)}\n${ip ?? "unknown"}`)
    .digest("hex");

/** The same rule as PAIR_SCRIPT, for while Redis is unreachable (per process). */
function takePairWithoutRedis(key: string, now: number): boolean {
  const pairs = counters().pairsWithoutRedis;
  const state = pairs.get(key) ?? { attempts: 0, next: 0 };
  if (now < state.next) return false;
  state.attempts += 1;
  state.next = now + delayAfter(state.attempts);
  if (pairs.size >= MAX_PAIRS_WITHOUT_REDIS) pairs.clear();
  pairs.set(key, state);
  return true;
}

export function delayAfter(attempts: number): number {
  return attempts < FREE_ATTEMPTS ? 0 : Math.min(FIRST_DELAY_MS * 2 ** (attempts - FREE_ATTEMPTS), MAX_DELAY_MS);
}

async function takePair(key: string, now: number): Promise<boolean> {
  try {
    const redis = await readyRedis();
    const [allowed] = (await withTimeout(
      redis.eval(PAIR_SCRIPT, 1, key, now, FREE_ATTEMPTS, FIRST_DELAY_MS, MAX_DELAY_MS, WINDOW_SECONDS * 1_000),
      REDIS_TIMEOUT_MS,
      "sign-in throttle",
    )) as [number, number];
    return allowed === 1;
  } catch {
    return takePairWithoutRedis(key, now);
  }
}

export type SignInAttempt = { allowed: boolean; succeeded(): Promise<void> };

/**
 * Counts a sign-in attempt before the password is checked, so concurrent guesses cannot all pass one check: the
 * address's budget and the (account, address) pair's progressive delay are both taken up front. A successful sign-in
 * gives them back. There is no per-account lock, so nobody can lock an admin out from their own address.
 */
export async function beginSignInAttempt(email: string, ip: string | null, now = Date.now()): Promise<SignInAttempt> {
  const { ip: byIp } = counters();
  const ipKey = ip ?? "unknown";
  const refused = { allowed: false, succeeded: async () => {} };
  try {
    await byIp.consume(ipKey);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return refused;
    throw rejection;
  }
  const key = pairKey(email, ip);
  if (!(await takePair(key, now))) {
    await byIp.reward(ipKey).catch(() => {});
    return refused;
  }
  return {
    allowed: true,
    async succeeded() {
      counters().pairsWithoutRedis.delete(key);
      await Promise.allSettled([byIp.reward(ipKey), withTimeout(sharedRedis().del(key), REDIS_TIMEOUT_MS, "del")]);
    },
  };
}
