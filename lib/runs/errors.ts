export class RunTargetNotFoundError extends Error {}
export class SubscriptionPausedError extends Error {}
export class IdempotencyConflictError extends Error {}
