import autocannon from "autocannon";

export type LoadResult = {
  label: string;
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  total: number;
};

// Load shape fixed by the benchmark's brief: 50 connections, the same duration for every case.
export const CONNECTIONS = 50;
export const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/** Runs one autocannon case; `headersFor(i)` lets each request carry a different token. */
export async function load(
  label: string,
  url: string,
  options: { method?: "GET" | "POST"; headersFor?: (i: number) => Record<string, string>; seconds?: number } = {},
): Promise<LoadResult> {
  let counter = 0;
  const result = await autocannon({
    url,
    method: options.method ?? "GET",
    connections: CONNECTIONS,
    duration: options.seconds ?? DURATION_SECONDS,
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
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}
