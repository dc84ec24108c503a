// A report or model query may not hold a warehouse connection longer than this.
export const QUERY_STATEMENT_TIMEOUT_MS = 30_000;
// A query waiting on a lock (an advisory lock, a table locked by a migration) fails instead of queuing.
export const LOCK_TIMEOUT_MS = 5_000;
// A query that waits for one of the warehouse pool's connections gives up after this: a queue of slow reports
// must not hang a console page or a save.
export const WAREHOUSE_ACQUIRE_TIMEOUT_MS = 10_000;
// Between the batches of a streamed report the transaction is idle while the writer works; a worker that stops
// reading (killed, hung) must not keep the transaction, and its snapshot, open on the warehouse.
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
