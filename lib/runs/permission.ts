import type { Run } from "../db/schema";
import type { Permission } from "../tokens/permissions";

const PERMISSION_BY_KIND: Record<Run["kind"], Permission> = {
  subscription: "subscriptions:execute",
  "semantic-model-refresh": "semantic-models:refresh",
};

/** The permission a token needs to see a run of this kind (SPEC §4: the permission that starts it). */
export function permissionForRunKind(kind: Run["kind"]): Permission {
  return PERMISSION_BY_KIND[kind];
}
