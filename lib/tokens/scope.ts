import type { VerifiedToken } from "./verify";

export type ScopeKind = "subscriptions" | "semanticModels";

/** The ids a token is limited to, or null when it reaches every resource of that kind. */
export function scopeIds(token: Pick<VerifiedToken, "subscriptionIds" | "semanticModelIds">, kind: ScopeKind) {
  return kind === "subscriptions" ? token.subscriptionIds : token.semanticModelIds;
}

/** Whether a resource is within the token's scope; one out of it is treated as if it did not exist (SPEC §8). */
export function inScope(
  token: Pick<VerifiedToken, "subscriptionIds" | "semanticModelIds">,
  kind: ScopeKind,
  id: string,
): boolean {
  const ids = scopeIds(token, kind);
  return ids === null || ids.includes(id);
}

/** The scope as GET /api/v1/token shows it. */
export function presentScopes(token: Pick<VerifiedToken, "subscriptionIds" | "semanticModelIds">) {
  return {
    subscriptions: token.subscriptionIds ?? ("all" as const),
    semanticModels: token.semanticModelIds ?? ("all" as const),
  };
}

/** Whether a run's subscription or model is within the token's scope. */
export function runInScope(
  token: Pick<VerifiedToken, "subscriptionIds" | "semanticModelIds">,
  run: { subscriptionId: string | null; semanticModelId: string | null },
): boolean {
  if (run.subscriptionId) return inScope(token, "subscriptions", run.subscriptionId);
  if (run.semanticModelId) return inScope(token, "semanticModels", run.semanticModelId);
  return true;
}
