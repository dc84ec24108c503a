import newman, { type NewmanRunSummary } from "newman";

/** Runs a Postman collection with newman, as an integrator would; resolves with the run's summary. */
export function runCollection(collection: object): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    newman.run({ collection, reporters: [], timeoutRequest: 30_000 }, (error, summary) =>
      error ? reject(error) : resolve(summary),
    );
  });
}

/** Each executed request by name, with the status it got. */
export function statusesByName(summary: NewmanRunSummary): Record<string, number | undefined> {
  return Object.fromEntries(summary.run.executions.map((e) => [e.item.name ?? "", e.response?.code]));
}
