import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "./session";
import { clientIp } from "../api/client-ip";
import { isSameOrigin } from "./same-origin";
import { userActor, type Actor } from "../audit/record";
import { DomainError } from "../domain-error";
import { log } from "../log";

export type ActionState<T = unknown> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> } | null;

/** The signed-in admin, and the same person as the actor that domain writes audit. */
export type ActionContext = { user: CurrentUser; actor: Actor };

/**
 * Wraps a server action: same-origin check, admin session re-read from the database, zod parse of the form,
 * and a result the form can show. A DomainError becomes the form's error (the one place it is mapped for the
 * console); raw exception messages never reach the client.
 */
export function adminAction<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<T>,
) {
  return consoleAction("admin", schema, run);
}

/** The same checks for the few actions any signed-in user takes on their own account (changing their password). */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<T>,
) {
  return consoleAction("any", schema, run);
}

function consoleAction<S extends z.ZodType, T>(
  role: "admin" | "any",
  schema: S,
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<T>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    // Server actions are public endpoints: the Origin must be this site (proxy.ts refuses others earlier, with a 403).
    if (!isSameOrigin(await headers())) return { ok: false, error: "This request did not come from the console." };
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: "Your session has ended. Sign in again." };
    if (role === "admin" && user.role !== "admin") return { ok: false, error: "Only admins can do this." };
    const parsed = schema.safeParse(formToObject(formData));
    if (!parsed.success) {
      return {
        ok: false,
        error: "Check the highlighted fields.",
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      };
    }
    try {
      const ip = clientIp(await headers());
      return { ok: true, data: await run(parsed.data, { user, actor: userActor(user, ip) }) };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      if (error instanceof DomainError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
      log.error({ err: error }, "server action failed");
      return { ok: false, error: "Something went wrong; nothing was changed." };
    }
  };
}

/** Repeated names (checkboxes, multi-selects) become arrays; Next's internal `$ACTION` fields are dropped. */
function formToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || typeof value !== "string") continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
