import { asc, count, eq, and, ne } from "drizzle-orm";
import { db, type Tx } from "../db/client";
import { holidayCalendars, subscriptions, type HolidayCalendar } from "../db/schema";
import { actorColumns, writeAudit, type Actor } from "../audit/record";
import { DomainError, invalidFields, notFound } from "../domain-error";
import type { HolidayCalendarInput } from "./schemas";

export async function listHolidayCalendars(): Promise<HolidayCalendar[]> {
  return db.select().from(holidayCalendars).orderBy(asc(holidayCalendars.name));
}

export async function getHolidayCalendar(id: string): Promise<HolidayCalendar | null> {
  const [row] = await db.select().from(holidayCalendars).where(eq(holidayCalendars.id, id)).limit(1);
  return row ?? null;
}

/** The calendars a schedule may skip, with their dates for the form's Next runs preview. */
export async function holidayCalendarOptions(): Promise<{ id: string; name: string; dates: string[] }[]> {
  return db
    .select({ id: holidayCalendars.id, name: holidayCalendars.name, dates: holidayCalendars.dates })
    .from(holidayCalendars)
    .orderBy(asc(holidayCalendars.name));
}

/** Each calendar's name by id, for schedule texts. */
export async function holidayCalendarNames(): Promise<Map<string, string>> {
  const rows = await db.select({ id: holidayCalendars.id, name: holidayCalendars.name }).from(holidayCalendars);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Each calendar's dates by id: what schedules skip (pages read all calendars at once; there are few). */
export async function holidaysById(): Promise<Map<string, ReadonlySet<string>>> {
  const rows = await db.select({ id: holidayCalendars.id, dates: holidayCalendars.dates }).from(holidayCalendars);
  return new Map(rows.map((row) => [row.id, new Set(row.dates)]));
}

/** The dates of one calendar; empty for none (or a calendar that no longer exists). */
export async function holidayDates(id: string | null): Promise<ReadonlySet<string>> {
  if (!id) return new Set();
  const [row] = await db
    .select({ dates: holidayCalendars.dates })
    .from(holidayCalendars)
    .where(eq(holidayCalendars.id, id))
    .limit(1);
  return new Set(row?.dates ?? []);
}

/** Inside a subscription's save: the chosen calendar must exist (a field error, not a foreign key failure). */
export async function requireHolidayCalendar(tx: Tx, id: string): Promise<void> {
  const [row] = await tx
    .select({ id: holidayCalendars.id })
    .from(holidayCalendars)
    .where(eq(holidayCalendars.id, id))
    .for("share")
    .limit(1);
  if (!row) throw invalidFields({ holidayCalendarId: ["This holiday calendar no longer exists"] });
}

export async function saveHolidayCalendar(input: HolidayCalendarInput, actor: Actor): Promise<HolidayCalendar> {
  const { id, name, dates } = input;
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: holidayCalendars.id })
      .from(holidayCalendars)
      .where(id ? and(eq(holidayCalendars.name, name), ne(holidayCalendars.id, id)) : eq(holidayCalendars.name, name))
      .limit(1);
    if (taken) throw invalidFields({ name: ["A calendar with this name exists"] });
    const [row] = id
      ? await tx
          .update(holidayCalendars)
          .set({ name, dates, updatedAt: new Date() })
          .where(eq(holidayCalendars.id, id))
          .returning()
      : await tx.insert(holidayCalendars).values({ name, dates }).returning();
    if (!row) throw notFound("holiday calendar");
    await writeAudit(tx, {
      action: id ? "holiday-calendar.updated" : "holiday-calendar.created",
      ...actorColumns(actor),
      targetType: "holiday-calendar",
      targetId: row.id,
      details: { name: row.name, dates: row.dates.length },
    });
    return row;
  });
}

/** Refused while a subscription skips its dates: deleting it would change when those run. */
export async function deleteHolidayCalendar(id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [usage] = await tx.select({ n: count() }).from(subscriptions).where(eq(subscriptions.holidayCalendarId, id));
    if (usage && usage.n > 0)
      throw new DomainError(
        "invalid",
        `${usage.n} subscription${usage.n === 1 ? " skips" : "s skip"} this calendar's dates; choose another calendar there first.`,
      );
    const [row] = await tx.delete(holidayCalendars).where(eq(holidayCalendars.id, id)).returning();
    if (!row) throw notFound("holiday calendar");
    await writeAudit(tx, {
      action: "holiday-calendar.deleted",
      ...actorColumns(actor),
      targetType: "holiday-calendar",
      targetId: row.id,
      details: { name: row.name },
    });
  });
}
