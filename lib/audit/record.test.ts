import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db, sql } from "../db/client";
import { firstRow } from "../db/first-row";
import { auditEvents } from "../db/schema";
import { listAuditEvents, recordAudit } from "./record";

/** The database's own message for a refused statement (drizzle wraps it as `cause`). */
async function refusal(statement: PromiseLike<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
  return "not refused";
}

afterAll(async () => {
  await sql.end();
});

describe("the audit trail", () => {
  it("keeps a value with newlines as one row, stored verbatim", async () => {
    const forged = "evil@example.com\n2026-01-01 00:00 UTC | token.revoked | admin@example.com";
    await recordAudit({ action: "sign-in.failed", actorLabel: forged, ip: "203.0.113.9" });
    const latest = firstRow(await listAuditEvents());
    expect(latest).toMatchObject({ action: "sign-in.failed", actorLabel: forged });
    expect(latest.at.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("is append-only: updates, deletes and truncation are refused by the database", async () => {
    await recordAudit({ action: "token.created", actorLabel: "admin@example.com" });
    const latest = firstRow(await listAuditEvents());
    expect(
      await refusal(db.update(auditEvents).set({ action: "nothing.happened" }).where(eq(auditEvents.id, latest.id))),
    ).toMatch(/append-only/);
    expect(await refusal(db.delete(auditEvents).where(eq(auditEvents.id, latest.id)))).toMatch(/append-only/);
    expect(await refusal(sql`truncate audit_events`)).toMatch(/append-only/);
    const still = await db.select().from(auditEvents).where(eq(auditEvents.id, latest.id));
    expect(still[0]?.action).toBe("token.created");
  });
});
