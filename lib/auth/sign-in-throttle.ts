import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import { env } from "../env";
import { sharedRedis } from "../redis";

// After this many failures in the window an account (or an IP) must wait for the window to pass.
const MAX_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;

function failureCounter(kind: "account" | "ip") {
  return new RateLimiterRedis({
    storeClient: sharedRedis(),
    keyPrefix: `${env.QUEUE_PREFIX}:signin:${kind}`,
    points: MAX_FAILURES,
    duration: WINDOW_SECONDS,
    insuranceLimiter: new RateLimiterMemory({ points: MAX_FAILURES, duration: WINDOW_SECONDS }),
  });
}

const globalForThrottle = globalThis as unknown as {
  sluiceSignIn?: { account: RateLimiterRedis; ip: RateLimiterRedis };
};
function counters() {
  globalForThrottle.sluiceSignIn ??= { account: failureCounter("account"), ip: failureCounter("ip") };
  return globalForThrottle.sluiceSignIn;
}

const accountKey = (email: string) => email.trim().toLowerCase();

export async function checkSignInAllowed(email: string, ip: string | null): Promise<boolean> {
  const { account, ip: byIp } = counters();
  const [a, i] = await Promise.all([account.get(accountKey(email)), ip ? byIp.get(ip) : null]);
  return (a?.consumedPoints ?? 0) < MAX_FAILURES && (i?.consumedPoints ?? 0) < MAX_FAILURES;
}

export async function noteSignInFailure(email: string, ip: string | null): Promise<void> {
  const { account, ip: byIp } = counters();
  // penalty() counts without rejecting, so a locked-out caller sees the same "invalid credentials" answer.
  await Promise.all([account.penalty(accountKey(email)), ip ? byIp.penalty(ip) : null]);
}

export async function clearSignInFailures(email: string): Promise<void> {
  await counters().account.delete(accountKey(email));
}
