// Delivery speed per report format: the median of a few runs of one subscription (the first run of a process also
// loads the renderer's code and fonts).
// Type-only: ./data opens database connections, so the bench imports it only after setting its environment.
import type * as BenchData from "./data";

export type DeliveryFigure = {
  format: "pdf" | "xlsx" | "csv";
  deliveriesPerSecond: number;
  seconds: number;
  status: string;
};

export async function medianDelivery(
  data: Pick<typeof BenchData, "createSubscription" | "triggerAndWait">,
  base: string,
  tokens: readonly string[],
  options: { format: DeliveryFigure["format"]; rows: number; recipients: number; runs: number },
): Promise<DeliveryFigure> {
  const token = tokens[0];
  if (!token) throw new Error("a delivery figure needs a token");
  const subscription = await data.createSubscription(options);
  const results = [];
  for (let i = 0; i < options.runs; i++)
    results.push(await data.triggerAndWait(`${base}/api/v1/subscriptions/${subscription}/runs`, token));
  const median = results.sort((a, b) => a.seconds - b.seconds)[Math.floor(options.runs / 2)];
  if (!median) throw new Error("a delivery figure needs at least one run");
  return {
    format: options.format,
    deliveriesPerSecond: Math.round(options.recipients / median.seconds),
    seconds: median.seconds,
    status: median.status,
  };
}
