import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { ActionError, type ActionContext, type ActionState } from "./admin-action";
import { getCurrentUser } from "./session";
import { clientIp } from "../api/client-ip";
import { isSameOrigin } from "./same-origin";
import { log } from "../log";

/**
 * For the few actions every signed-in user may take on their own account (changing their password): the checks of
 * adminAction without the admin role.
 */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<T>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    if (!isSameOrigin(await headers())) return { ok: false, error: "This request did not come from the console." };
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: "Your session has ended. Sign in again." };
    const raw = Object.fromEntries([...formData.entries()].filter(([key]) => !key.startsWith("$ACTION")));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        error: "Check the highlighted fields.",
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      };
    }
    try {
      return { ok: true, data: await run(parsed.data, { user, ip: clientIp(await headers()) }) };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof ActionError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
      log.error({ err: error }, "server action failed");
      return { ok: false, error: "Something went wrong; nothing was changed." };
    }
  };
}
