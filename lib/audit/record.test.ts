import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db, sql } from "../db/client";
import { firstRow } from "../db/first-row";
import { auditEvents } from "../db/schema";
import { closeWarehouseOwnerSql, warehouseOwnerSql } from "../warehouse/owner";
import { pageAuditEvents } from "./list";
import { recordAudit } from "./record";

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
  await Promise.all([sql.end(), closeWarehouseOwnerSql()]);
});

describe("the audit trail", () => {
  it("keeps a value with newlines as one row, stored verbatim", async () => {
    const forged = "evil@example.com\n2026-01-01 00:00 UTC | token.revoked | admin@example.com";
    await recordAudit({ action: "sign-in.failed", actorLabel: forged, ip: "203.0.113.9" });
    const latest = firstRow((await pageAuditEvents({}, null)).items);
    expect(latest).toMatchObject({ action: "sign-in.failed", actorLabel: forged });
    expect(latest.at.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("is append-only: the app role has no right to update, delete or truncate it", async () => {
    await recordAudit({ action: "token.created", actorLabel: "admin@example.com" });
    const latest = firstRow((await pageAuditEvents({}, null)).items);
    expect(
      await refusal(db.update(auditEvents).set({ action: "nothing.happened" }).where(eq(auditEvents.id, latest.id))),
    ).toMatch(/permission denied for table audit_events/);
    expect(await refusal(db.delete(auditEvents).where(eq(auditEvents.id, latest.id)))).toMatch(/permission denied/);
    expect(await refusal(sql`truncate audit_events`)).toMatch(/permission denied/);
    const still = await db.select().from(auditEvents).where(eq(auditEvents.id, latest.id));
    expect(still[0]?.action).toBe("token.created");
  });

  it("is append-only for the owner too: the trigger refuses what the grants would allow", async () => {
    const owner = warehouseOwnerSql();
    const [latest] = (await pageAuditEvents({}, null)).items;
    expect(await refusal(owner`update audit_events set action = 'nothing.happened' where id = ${latest.id}`)).toMatch(
      /append-only/,
    );
    expect(await refusal(owner`delete from audit_events where id = ${latest.id}`)).toMatch(/append-only/);
    expect(await refusal(owner`truncate audit_events`)).toMatch(/append-only/);
  });

  it("is written by the app role, which has no DDL on the app tables", async () => {
    const [who] = await sql<{ user: string }[]>`select current_user as user`;
    expect(who.user).toBe("sluice_app");
    expect(await refusal(sql`alter table audit_events disable trigger all`)).toMatch(/must be owner/);
    expect(await refusal(sql`create table public.app_ddl(x int)`)).toMatch(/permission denied for schema public/);
  });
});
