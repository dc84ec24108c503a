import { z } from "zod";

export const PERMISSIONS = ["subscriptions:execute", "semantic-models:refresh"] as const;
export const permissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permissionSchema>;

export const PERMISSION_LABELS: Record<Permission, string> = {
  "subscriptions:execute": "Execute a new subscription",
  "semantic-models:refresh": "Refresh a semantic data input model",
};

export function hasPermission(granted: readonly string[], needed: Permission): boolean {
  return granted.includes(needed);
}
