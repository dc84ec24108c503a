import { log } from "../log";

/**
 * What this process last saw of its mail server: working, or failing since a given time with the last error. A
 * refusal of one message (an SMTP reply) means the server works; a connection that cannot be made, a server that
 * does not answer or drops the connection means it fails. The worker publishes this for /api/health.
 */
export type MailTransportState =
  | { status: "unknown"; since: string }
  | { status: "ok"; since: string }
  | { status: "failing"; since: string; lastError: string; lastErrorAt: string };

// An SMTP error is a line or two; a stack is not wanted in a health answer.
const LAST_ERROR_MAX = 300;

let state: MailTransportState = { status: "unknown", since: new Date().toISOString() };
const listeners = new Set<(state: MailTransportState) => void>();

export function mailTransportState(): MailTransportState {
  return state;
}

/** Called on every change of state; returns the function that stops it. */
export function onMailTransportState(listener: (state: MailTransportState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function markTransportOk(): void {
  if (state.status === "ok") return;
  if (state.status === "failing") log.info({ failingSince: state.since }, "mail server working again");
  change({ status: "ok", since: new Date().toISOString() });
}

export function markTransportFailing(error: unknown): void {
  const now = new Date().toISOString();
  const lastError = (error instanceof Error ? error.message : String(error)).slice(0, LAST_ERROR_MAX);
  // One line per outage; the state itself keeps the latest error.
  if (state.status !== "failing") log.warn({ err: lastError }, "mail server failing");
  change({ status: "failing", since: state.status === "failing" ? state.since : now, lastError, lastErrorAt: now });
}

function change(next: MailTransportState): void {
  state = next;
  for (const listener of listeners) listener(state);
}
