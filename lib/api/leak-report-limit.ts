import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";
import { readyRedis, sharedRedis } from "../redis";
import { processSingleton } from "../util/process-singleton";
import { ApiError } from "./errors";

const WINDOW_SECONDS = 60;

function limiter(): RateLimiterRedis {
  return processSingleton("leak-report-limiter", () => {
    const points = env.TOKEN_LEAK_REPORTS_PER_MINUTE;
    return new RateLimiterRedis({
      storeClient: sharedRedis(),
      keyPrefix: `${env.QUEUE_PREFIX}:rl:token-leaks`,
      points,
      duration: WINDOW_SECONDS,
      // While Redis is away each process limits on its own.
      insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS }),
    });
  });
}

/** SPEC §8: leak reports are limited per client address, across every web process. */
export async function enforceLeakReportLimit(ip: string | null): Promise<void> {
  const perIp = limiter();
  await readyRedis();
  try {
    await perIp.consume(ip ?? "unknown");
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw new ApiError("rate_limited", `At most ${perIp.points} leak reports per minute from one address.`, {
      "Retry-After": String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))),
    });
  }
}
