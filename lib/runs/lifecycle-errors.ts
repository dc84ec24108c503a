import type { RunResult } from "../db/schema";

/** A failure that another attempt cannot fix (bad SQL, a missing column, a deleted target): the run fails at once. */
export class PermanentRunError extends Error {
  constructor(
    message: string,
    /** What the attempt achieved before failing, kept on the failed run. */
    readonly result: RunResult | null = null,
  ) {
    super(message);
  }
}

/** An attempt that failed part-way and may succeed when retried; carries what it achieved so far. */
export class PartialRunError extends Error {
  constructor(
    message: string,
    readonly result: RunResult,
  ) {
    super(message);
  }
}
