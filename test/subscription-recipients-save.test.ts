import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../lib/audit/record";
import { db, sql } from "../lib/db/client";
import { auditEvents, reports, subscriptions } from "../lib/db/schema";
import { DomainError } from "../lib/domain-error";
import { saveSubscription } from "../lib/subscriptions/repository";
import { duplicateSubscription } from "../lib/subscriptions/duplicate";
import { ONLY_WHEN_CHANGED_FIXED_LIST, subscriptionFormSchema } from "../lib/subscriptions/schemas";
import { testFilter } from "../lib/subscriptions/test-email-filter";
import { warehouseSql } from "../lib/warehouse/client";

const actor = systemActor("recipients test");
let reportId: string;

beforeAll(async () => {
  const [report] = await db
    .insert(reports)
    .values({ name: "Owners", query: "select id, name, email from owners", keyColumn: "id" })
    .returning({ id: reports.id });
  reportId = report.id;
});

afterAll(async () => {
  await Promise.allSettled([sql.end({ timeout: 5 }), warehouseSql.end({ timeout: 5 })]);
});

function input(fields: Record<string, string>) {
  return subscriptionFormSchema.parse({
    name: `Per owner ${fields.recipientsMode}`,
    reportId,
    format: "csv",
    subject: "Yours",
    frequency: "manual",
    time: "08:00",
    timeZone: "UTC",
    dayOfWeek: "1",
    dayOfMonth: "1",
    ...fields,
  });
}

/** The field errors a save is refused with (nothing saved), or null when it was saved. */
async function refusal(fields: Record<string, string>) {
  const before = await db.$count(subscriptions);
  try {
    await saveSubscription(input(fields), actor);
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect(await db.$count(subscriptions)).toBe(before);
    return error.fieldErrors;
  }
}

describe("saving a per-recipient subscription", () => {
  it.each([
    [
      "a filter column the report does not return",
      { recipientsMode: "filter", recipients: "a@example.com, 1", filterColumn: "region" },
      { filterColumn: ['The report has no column "region" (it returns: id, name, email)'] },
    ],
    [
      "a recipients query without an email column",
      { recipientsMode: "query", recipientsQuery: "select name from owners" },
      { recipientsQuery: ["The query must return a column named email (it returns: name)"] },
    ],
    [
      "a recipients query that writes",
      { recipientsMode: "query", recipientsQuery: "delete from owners returning email" },
      { recipientsQuery: [expect.stringMatching(/^The query was refused: /)] },
    ],
    [
      "a recipients query over the cap",
      {
        recipientsMode: "query",
        recipientsQuery: "select 'r' || g || '@x.test' as email from generate_series(1, 10001) g",
      },
      { recipientsQuery: ["The recipients are more than 10,000 (today); narrow the query or split the subscription"] },
    ],
    [
      "a filter_value without a filter column",
      { recipientsMode: "query", recipientsQuery: "select email, id as filter_value from owners" },
      { filterColumn: ["The query returns filter_value: choose the report column it is compared with"] },
    ],
    [
      "a filter column without a filter_value",
      { recipientsMode: "query", recipientsQuery: "select email from owners", filterColumn: "id" },
      { filterColumn: ["The query returns no filter_value column; leave Filter column empty or add one"] },
    ],
  ])("refuses %s, saving nothing", async (_, fields, errors) => {
    expect(await refusal(fields)).toEqual(errors);
  });

  it("saves a recipients query with its filter column and audits the query text", async () => {
    const query = "select email, id as filter_value from owners";
    const saved = await saveSubscription(
      input({ recipientsMode: "query", recipientsQuery: query, filterColumn: "id" }),
      actor,
    );
    expect(saved).toMatchObject({
      recipientsMode: "query",
      recipients: [],
      filterColumn: "id",
      recipientsQuery: query,
    });
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, saved.id));
    expect(audit?.details).toMatchObject({ recipientsQuery: query });
  });
});

describe("sending options of a per-recipient subscription", () => {
  it("refuses Only send when the report changed outside a fixed list, and keeps it for a fixed list", () => {
    const base = {
      name: "Changed",
      reportId,
      format: "csv",
      subject: "Yours",
      frequency: "manual",
      time: "08:00",
      timeZone: "UTC",
      onlyWhenChanged: "on",
    };
    const perRecipient = subscriptionFormSchema.safeParse({
      ...base,
      recipientsMode: "filter",
      recipients: "a@example.com, 1",
      filterColumn: "id",
    });
    expect(perRecipient.success).toBe(false);
    expect(perRecipient.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [["onlyWhenChanged"], ONLY_WHEN_CHANGED_FIXED_LIST],
    ]);
    const fixed = subscriptionFormSchema.safeParse({ ...base, recipientsMode: "list", recipients: "a@example.com" });
    expect(fixed.data).toMatchObject({ onlyWhenChanged: true, recipientsMode: "list" });
  });

  it("Duplicate copies the recipients mode, lines, values, filter column and query", async () => {
    const saved = await saveSubscription(
      input({
        recipientsMode: "filter",
        recipients: "a@example.com, own-ada\nb@example.com, own-alan",
        filterColumn: "id",
        onlyWhenRows: "on",
      }),
      actor,
    );
    const copy = await duplicateSubscription(saved.id, actor);
    expect(copy).toMatchObject({
      name: `Copy of ${saved.name}`,
      recipientsMode: "filter",
      recipients: ["a@example.com", "b@example.com"],
      recipientFilterValues: ["own-ada", "own-alan"],
      filterColumn: "id",
      recipientsQuery: null,
      onlyWhenRows: true,
    });
    const query = "select email, id as filter_value from owners order by id";
    const fromQuery = await saveSubscription(
      input({ recipientsMode: "query", recipientsQuery: query, filterColumn: "id" }),
      actor,
    );
    expect(await duplicateSubscription(fromQuery.id, actor)).toMatchObject({
      recipientsMode: "query",
      recipientsQuery: query,
      filterColumn: "id",
    });
  });

  it("Send test email shows the first recipient's rows, or refuses when nobody could get a report", async () => {
    const source = {
      recipients: ["a@example.com", "b@example.com"],
      recipientFilterValues: ["own-alan", "own-ada"],
      filterColumn: "id",
      recipientsQuery: null,
    };
    expect(await testFilter({ ...source, recipientsMode: "filter" })).toEqual({ column: "id", value: "own-alan" });
    expect(await testFilter({ ...source, recipientsMode: "list" })).toBeUndefined();
    const [first] = await warehouseSql.unsafe<{ id: string }[]>("select id from warehouse.owners order by id limit 1");
    expect(
      await testFilter({
        ...source,
        recipientsMode: "query",
        recipientsQuery: "select email, id as filter_value from owners order by id",
      }),
    ).toEqual({ column: "id", value: first?.id });
    const nobody = testFilter({
      ...source,
      recipientsMode: "query",
      recipientsQuery: "select email, id as filter_value from owners where false",
    });
    await expect(nobody).rejects.toThrow(DomainError);
    await expect(nobody).rejects.toThrow("The recipients query returns nobody with a valid address to test with.");
    // Values without their column would mean the whole report: refused, never sent.
    await expect(testFilter({ ...source, recipientsMode: "filter", filterColumn: null })).rejects.toThrow(
      "The subscription has no Filter column to filter on.",
    );
  });
});
