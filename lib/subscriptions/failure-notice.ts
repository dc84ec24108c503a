import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { runs, subscriptions, users } from "../db/schema";
import { appUrl, env } from "../env";
import { log } from "../log";
import { mailSender } from "../mail/transport";

/**
 * Notify me when a run fails: e-mails the subscription's creator once the run has failed for good (after its last
 * retry). Called once per final failure by whoever moved the run to `failed`; a mail failure is logged, not retried.
 */
export async function mailCreatorRunFailed(runId: string): Promise<void> {
  try {
    const [row] = await db
      .select({
        kind: runs.kind,
        error: runs.error,
        notify: subscriptions.notifyOnFailure,
        name: subscriptions.name,
        creator: users.email,
        creatorDisabled: users.disabledAt,
      })
      .from(runs)
      .innerJoin(subscriptions, eq(subscriptions.id, runs.subscriptionId))
      .innerJoin(users, eq(users.id, subscriptions.createdBy))
      .where(eq(runs.id, runId))
      .limit(1);
    if (!row || row.kind !== "subscription" || !row.notify || row.creatorDisabled) return;
    await mailSender().send({
      from: env.MAIL_FROM,
      to: row.creator,
      // The name is the creator's own; line breaks cannot reach a header.
      subject: `Sluice: run of “${row.name.replace(/[\r\n]+/g, " ")}” failed`,
      text: [
        `A run of the subscription “${row.name}” failed after its last attempt:`,
        "",
        row.error?.message ?? "(no error recorded)",
        "",
        `${appUrl()}/runs/${runId}`,
      ].join("\n"),
    });
  } catch (error) {
    log.error({ runId, err: error instanceof Error ? error.message : String(error) }, "run failure notice failed");
  }
}
