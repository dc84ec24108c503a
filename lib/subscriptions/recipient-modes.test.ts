import { describe, expect, it } from "vitest";
import { MAX_BURST_RECIPIENTS, parseFilterLines, recipientsFormValues } from "./recipient-modes";
import { subscriptionFormSchema } from "./schemas";

describe("parseFilterLines", () => {
  it("reads one `email, value` per line; the value keeps commas and inner spaces", () => {
    expect(parseFilterLines("ann@example.com, North\n\n  bob@example.com ,  South, East  \r\n")).toEqual({
      ok: true,
      recipients: [
        { email: "ann@example.com", filterValue: "North" },
        { email: "bob@example.com", filterValue: "South, East" },
      ],
    });
  });

  it("keeps an address repeated with the same value once, under its first spelling", () => {
    expect(parseFilterLines("Ann@Example.com, North\nann@example.com, North")).toEqual({
      ok: true,
      recipients: [{ email: "Ann@Example.com", filterValue: "North" }],
    });
  });

  it.each([
    ["ann@example.com, North\nANN@example.com, South", 'ANN@example.com is listed with two values ("North", "South")'],
    ["ann@example.com", 'Line 1: write "email, value"'],
    ["ann@example.com,   ", 'Line 1: write "email, value"'],
    ["\nnot-an-address, North", "Line 2: not-an-address is not an e-mail address"],
    ["", "Add at least one line: email, value"],
  ])("refuses %j", (raw, message) => {
    const parsed = parseFilterLines(raw);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.errors.join(" ")).toContain(message);
  });

  it("names the first few bad lines and counts the rest", () => {
    const parsed = parseFilterLines(Array.from({ length: 8 }, (_, i) => `bad${i}`).join("\n"));
    expect(parsed).toEqual({
      ok: false,
      errors: [1, 2, 3, 4, 5].map((n) => `Line ${n}: write "email, value"`).concat("and 3 more"),
    });
  });

  it(`refuses more than ${MAX_BURST_RECIPIENTS} recipients, saying the cap`, () => {
    const lines = Array.from({ length: MAX_BURST_RECIPIENTS + 1 }, (_, i) => `r${i}@example.com, v`).join("\n");
    expect(parseFilterLines(lines)).toEqual({
      ok: false,
      errors: ["The recipients are more than 10,000 (10001); narrow the query or split the subscription"],
    });
  });
});

describe("the subscription form's recipients", () => {
  const form = {
    name: "Per region",
    reportId: "8d2b7d7e-7a39-4c52-9f1e-5f0b8c0f4a11",
    format: "csv",
    subject: "Report",
    frequency: "manual",
    time: "08:00",
    timeZone: "UTC",
    dayOfWeek: "1",
    dayOfMonth: "1",
  };
  const fieldErrors = (input: Record<string, string>) => {
    const parsed = subscriptionFormSchema.safeParse({ ...form, ...input });
    return parsed.success ? null : parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]);
  };

  it("stores a fixed list without any filter or query, even when those fields were filled", () => {
    const parsed = subscriptionFormSchema.parse({
      ...form,
      recipients: "a@example.com b@example.com",
      filterColumn: "region",
      recipientsQuery: "select 1",
    });
    expect(parsed).toMatchObject({
      recipientsMode: "list",
      recipients: ["a@example.com", "b@example.com"],
      recipientFilterValues: null,
      filterColumn: null,
      recipientsQuery: null,
    });
  });

  it("stores filter lines as addresses and their values at the same positions", () => {
    const parsed = subscriptionFormSchema.parse({
      ...form,
      recipientsMode: "filter",
      recipients: "a@example.com, North\nb@example.com, South",
      filterColumn: "region",
    });
    expect(parsed).toMatchObject({
      recipients: ["a@example.com", "b@example.com"],
      recipientFilterValues: ["North", "South"],
      filterColumn: "region",
      recipientsQuery: null,
    });
    expect(recipientsFormValues(parsed).recipients).toBe("a@example.com, North\nb@example.com, South");
  });

  it("asks for the filter column and the query where the mode needs them", () => {
    expect(fieldErrors({ recipientsMode: "filter", recipients: "a@example.com, North" })).toEqual([
      ["filterColumn", "Choose the report column to filter on"],
    ]);
    expect(fieldErrors({ recipientsMode: "query", recipientsQuery: "  " })).toEqual([["recipientsQuery", "Required"]]);
    expect(fieldErrors({ recipientsMode: "everyone", recipients: "a@example.com" })?.[0]?.[0]).toBe("recipientsMode");
  });

  it("keeps a query and an optional filter column, with no stored addresses", () => {
    expect(
      subscriptionFormSchema.parse({ ...form, recipientsMode: "query", recipientsQuery: "select email from owners" }),
    ).toMatchObject({ recipients: [], recipientFilterValues: null, filterColumn: null });
  });
});
