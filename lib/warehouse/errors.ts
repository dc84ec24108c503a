/** A report or model query that failed, with the database's reason in words (shown as a field error or run error). */
export class QueryError extends Error {}
