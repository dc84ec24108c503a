import autocannon from "autocannon";

export type LoadResult = {
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses per status code, e.g. {"200": 950, "202": 3}. */
  statusCodes: Record<string, number>;
  non2xx: number;
  errors: number;
  total: number;
  /** CPU milliseconds per request, when the case was given a CPU sampler. */
  cpuMsPerRequest?: number;
};

// Load shape fixed by the benchmark's brief: 50 connections, the same duration for every case.
export const CONNECTIONS = 50;
export const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/** Runs one autocannon case; `headersFor(i)` lets each request carry a different token. */
export async function load(
  label: string,
  url: string,
  options: {
    method?: "GET" | "POST";
    headersFor?: (i: number) => Record<string, string>;
    seconds?: number;
    /** Per-request timeout (autocannon's default is 10 s; a `Prefer: wait` request may take longer). */
    timeoutSeconds?: number;
    /** CPU seconds used so far by what serves the requests (bench/processes.ts cpuSeconds). */
    cpu?: () => number;
  } = {},
): Promise<LoadResult> {
  let counter = 0;
  const cpuBefore = options.cpu?.();
  const result = await autocannon({
    url,
    method: options.method ?? "GET",
    connections: CONNECTIONS,
    duration: options.seconds ?? DURATION_SECONDS,
    ...(options.timeoutSeconds ? { timeout: options.timeoutSeconds } : {}),
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, ...(options.headersFor?.(counter++) ?? {}) },
        }),
      },
    ],
  });
  return {
    label,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, (stats as { count: number }).count]),
    ),
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
    ...(options.cpu && cpuBefore !== undefined && result.requests.total > 0
      ? { cpuMsPerRequest: ((options.cpu() - cpuBefore) * 1000) / result.requests.total }
      : {}),
  };
}
