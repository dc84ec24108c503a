import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { ApiError } from "./errors";
import { env } from "../env";
import { readyRedis, sharedRedis } from "../redis";
import { processSingleton } from "../util/process-singleton";

export type RateLimitState = { limit: number; remaining: number; resetSeconds: number };
type Subject = { kind: "token" | "ip"; key: string };

// The one key of the process-wide bad-token counter.
const ALL_CLIENTS = "all";

const WINDOW_SECONDS = 60;

/** The per-token budget is shared by every web process through Redis. */
function tokenLimiter(points: number) {
  return new RateLimiterRedis({
    storeClient: sharedRedis(),
    keyPrefix: `${env.QUEUE_PREFIX}:rl:token`,
    points,
    duration: WINDOW_SECONDS,
    // While Redis is away each process limits on its own rather than letting everything through.
    insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS }),
  });
}

type Limiters = Record<Subject["kind"], RateLimiterRedis | RateLimiterMemory> & { allBadTokens: RateLimiterMemory };

function limiters(): Limiters {
  return processSingleton("rate-limiters", () => ({
    token: tokenLimiter(env.API_RATE_LIMIT_PER_MINUTE),
    // Bad tokens are counted in memory: refusing a guess must cost no I/O, and a per-process brake suffices.
    ip: new RateLimiterMemory({
      keyPrefix: "rl:ip",
      points: env.API_INVALID_TOKEN_LIMIT_PER_MINUTE,
      duration: WINDOW_SECONDS,
    }),
    allBadTokens: new RateLimiterMemory({
      keyPrefix: "rl:bad-tokens",
      points: env.API_INVALID_TOKEN_GLOBAL_LIMIT_PER_MINUTE,
      duration: WINDOW_SECONDS,
    }),
  }));
}

function stateOf(res: RateLimiterRes, limit: number): RateLimitState {
  return { limit, remaining: Math.max(0, res.remainingPoints), resetSeconds: Math.ceil(res.msBeforeNext / 1000) };
}

/** Counts one request against the subject's per-minute budget; throws 429 when it is spent. */
export async function enforceRateLimit(subject: Subject): Promise<RateLimitState> {
  const limiter = limiters()[subject.kind];
  if (subject.kind === "token") await readyRedis();
  try {
    return stateOf(await limiter.consume(subject.key), limiter.points);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw rateLimited(stateOf(rejection, limiter.points), limiter.points);
  }
}

/**
 * Counts a request against the budget of the token it presents, keyed by the credential itself (one credential, one
 * token) so the count can run while the token is looked up. The key is a hash of its own, never the stored digest.
 * Settles instead of rejecting: the caller decides, once the token is known, whether a refusal applies.
 */
export function countTokenRequest(credential: string): Promise<{ state: RateLimitState } | { refusal: unknown }> {
  return enforceRateLimit({ kind: "token", key: tokenBudgetKey(credential) }).then(
    (state) => ({ state }),
    (refusal: unknown) => ({ refusal }),
  );
}

/** Gives back a request counted for a token that was then refused (outside its allowed ranges): not its owner's. */
export async function refundTokenRequest(credential: string): Promise<void> {
  await limiters().token.reward(tokenBudgetKey(credential), 1);
}

const tokenBudgetKey = (credential: string) =>
  createHash("sha256").update(`rate-limit:${credential}`, "utf8").digest("base64url");

function rateLimited(state: RateLimitState, limit: number): ApiError {
  return new ApiError("rate_limited", `Rate limit of ${limit} requests per minute exceeded.`, {
    "Retry-After": String(Math.max(1, state.resetSeconds)),
    ...rateLimitHeaders(state),
  });
}

/**
 * Runs before a token is looked up, so a client past its bad-token budget buys no more database work. Once the
 * process-wide ceiling of bad tokens is reached, every client that sent a bad token in the window waits too, however
 * many addresses it has; clients with no bad token this minute are not held up by others' guessing.
 */
export async function refuseKnownGuesser(ip: string | null): Promise<void> {
  const { ip: byIp, allBadTokens } = limiters();
  const [own, all] = await Promise.all([byIp.get(ip ?? "unknown"), allBadTokens.get(ALL_CLIENTS)]);
  if (!own) return;
  if (own.consumedPoints >= byIp.points) throw rateLimited(stateOf(own, byIp.points), byIp.points);
  if (all && all.consumedPoints >= allBadTokens.points) {
    throw rateLimited(stateOf(all, allBadTokens.points), allBadTokens.points);
  }
}

/** Counts a refused token against its client's budget and, when it cost a database look-up, the process's. */
export async function noteBadToken(ip: string | null, lookedUp: boolean): Promise<void> {
  if (lookedUp) await limiters().allBadTokens.penalty(ALL_CLIENTS);
  await enforceRateLimit({ kind: "ip", key: ip ?? "unknown" });
}

/** IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers). */
export function rateLimitHeaders(state: RateLimitState | null): Record<string, string> {
  if (!state) return {};
  return {
    "RateLimit-Policy": `"default";q=${state.limit};w=${WINDOW_SECONDS}`,
    RateLimit: `"default";r=${state.remaining};t=${state.resetSeconds}`,
  };
}
