import { and, eq, isNull } from "drizzle-orm";
import { db } from "../db/client";
import { users } from "../db/schema";
import { appUrl, env } from "../env";
import { log } from "../log";
import { mailSender } from "../mail/transport";

/** Tells every active admin that an endpoint was disabled (SPEC §9). A mail failure is logged, never retried. */
export async function mailAdminsEndpointDisabled(endpointId: string, url: string, reason: string): Promise<void> {
  try {
    const admins = await db
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
    if (admins.length === 0) return;
    await mailSender().send({
      from: env.MAIL_FROM,
      to: admins.map((admin) => admin.email),
      subject: "Sluice: webhook endpoint disabled",
      text: [
        `The webhook endpoint ${url} was disabled: ${reason}`,
        "",
        "No further events are sent to it. Once the receiver works again, enable it and redeliver what it missed:",
        `${appUrl()}/webhooks/${endpointId}`,
      ].join("\n"),
    });
  } catch (error) {
    log.error(
      { endpointId, err: error instanceof Error ? error.message : String(error) },
      "disabled-endpoint mail failed",
    );
  }
}
