/**
 * The one error type the domain (lib/<domain>) throws for a refusal a person or client can act on. Its message is
 * written for people; lib/auth/admin-action.ts turns it into a form error and lib/api/handle.ts into a problem body.
 */
export type DomainErrorCode =
  | "not_found" // the thing named no longer exists (or never did)
  | "invalid" // the input breaks a rule; fieldErrors says where when it is about one field
  | "subscription_paused"
  | "idempotency_conflict";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** A refusal tied to form fields: the form shows each message next to its field. */
export function invalidFields(fieldErrors: Record<string, string[]>): DomainError {
  return new DomainError("invalid", "Check the highlighted fields.", fieldErrors);
}

export function notFound(what: string): DomainError {
  return new DomainError("not_found", `This ${what} no longer exists.`);
}
