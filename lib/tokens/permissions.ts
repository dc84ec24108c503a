import { z } from "zod";

import { PERMISSIONS, type Permission } from "../db/schema/tokens";

export { PERMISSIONS, type Permission };
export const permissionSchema = z.enum(PERMISSIONS);

export const PERMISSION_LABELS: Record<Permission, string> = {
  "subscriptions:execute": "Execute a new subscription",
  "semantic-models:refresh": "Refresh a semantic data input model",
};

export function hasPermission(granted: readonly string[], needed: Permission): boolean {
  return granted.includes(needed);
}
