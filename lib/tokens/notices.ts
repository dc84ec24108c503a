import { and, eq, gt, isNull, lte, sql as dsql } from "drizzle-orm";
import { db } from "../db/client";
import { apiTokens, tokenNotices, users } from "../db/schema";
import { appUrl, env } from "../env";
import { mailSender } from "../mail/transport";
import { log } from "../log";
import { alreadySent, calendarDaysLeft, dueExpiryNotice, expiryNoticeKey, LEAKED_NOTICE_KEY } from "./notice-rules";

const DAY_MS = 86_400_000;
// A leak report older than this gets no e-mail any more (the worker was away for a week).
const LEAK_NOTICE_WINDOW_MS = 7 * DAY_MS;

type Notice = { tokenId: string; key: string; to: string; subject: string; text: string };

const sentKeys = dsql<
  string[]
>`coalesce((select array_agg(n.key) from token_notices n where n.token_id = ${apiTokens.id}), '{}')`;

function describeDays(days: number): string {
  if (days <= 0) return "today";
  return `in ${days} day${days === 1 ? "" : "s"}`;
}

/** The expiry notices due now: for each live token of an active creator, the latest threshold reached, if unsent. */
async function dueExpiryNotices(now: Date, noticeDays: readonly number[]): Promise<Notice[]> {
  if (noticeDays.length === 0) return [];
  const horizon = new Date(now.getTime() + (Math.max(...noticeDays) + 1) * DAY_MS);
  const rows = await db
    .select({ id: apiTokens.id, name: apiTokens.name, expiresAt: apiTokens.expiresAt, email: users.email, sentKeys })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(
      and(
        isNull(apiTokens.revokedAt),
        isNull(users.disabledAt),
        gt(apiTokens.expiresAt, now),
        lte(apiTokens.expiresAt, horizon),
      ),
    );
  return rows.flatMap((row) => {
    const days = dueExpiryNotice(row.expiresAt, now, noticeDays);
    if (days === null || alreadySent(row.sentKeys, row.expiresAt, days, noticeDays)) return [];
    const when = describeDays(calendarDaysLeft(row.expiresAt, now));
    return [
      {
        tokenId: row.id,
        key: expiryNoticeKey(row.expiresAt, days),
        to: row.email,
        subject: `Sluice: API token "${row.name}" expires ${when}`,
        text: [
          `Your API token "${row.name}" expires ${when}, at ${row.expiresAt.toISOString()}.`,
          "",
          "Applications using it will be refused from then on. Regenerate it (the old token can keep working for a",
          "grace period while you switch) or make a new one:",
          `${appUrl()}/tokens/${row.id}`,
        ].join("\n"),
      },
    ];
  });
}

/** Tokens revoked after a leak report whose creator has not been told yet. */
async function dueLeakNotices(now: Date): Promise<Notice[]> {
  const rows = await db
    .select({ id: apiTokens.id, name: apiTokens.name, revokedAt: apiTokens.revokedAt, email: users.email })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(
      and(
        eq(apiTokens.revokedReason, "leaked"),
        gt(apiTokens.revokedAt, new Date(now.getTime() - LEAK_NOTICE_WINDOW_MS)),
        dsql`not exists (select 1 from token_notices n where n.token_id = ${apiTokens.id} and n.key = ${LEAKED_NOTICE_KEY})`,
      ),
    );
  return rows.map((row) => ({
    tokenId: row.id,
    key: LEAKED_NOTICE_KEY,
    to: row.email,
    subject: `Sluice: API token "${row.name}" was revoked because it leaked`,
    text: [
      `Your API token "${row.name}" was reported as leaked (found where it should not be) and was revoked at`,
      `${row.revokedAt?.toISOString() ?? now.toISOString()}. Requests with it are refused.`,
      "",
      "Make a new token for the applications that used it, and keep it out of code and logs:",
      `${appUrl()}/tokens`,
    ].join("\n"),
  }));
}

/**
 * Sends one notice at most once, whatever the number of workers: its row and the e-mail commit together. Another
 * worker inserting the same row waits for this transaction, then finds the row and sends nothing; a failed send
 * rolls the row back, so the next check tries again.
 */
async function sendOnce(notice: Notice): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .insert(tokenNotices)
      .values({ tokenId: notice.tokenId, key: notice.key })
      .onConflictDoNothing()
      .returning({ key: tokenNotices.key });
    if (!claimed) return false;
    await mailSender().send({ from: env.MAIL_FROM, to: notice.to, subject: notice.subject, text: notice.text });
    return true;
  });
}

/** One check (SPEC §8): sends every expiry and leak notice due now. Throws when a send failed, after trying the rest. */
export async function sendDueTokenNotices(now = new Date(), noticeDays = env.TOKEN_EXPIRY_NOTICE_DAYS) {
  const notices = [...(await dueLeakNotices(now)), ...(await dueExpiryNotices(now, noticeDays))];
  let sent = 0;
  let failed = 0;
  for (const notice of notices) {
    try {
      if (await sendOnce(notice)) sent++;
    } catch (error) {
      failed++;
      log.warn(
        { tokenId: notice.tokenId, notice: notice.key, err: error instanceof Error ? error.message : String(error) },
        "token notice not sent; the next check tries again",
      );
    }
  }
  if (failed > 0) throw new Error(`${failed} token notice(s) could not be sent`);
  return { sent };
}
