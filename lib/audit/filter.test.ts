import { describe, expect, it } from "vitest";
import { parseSearchParams } from "../forms/search-params";
import { auditFilterSchema } from "./filter";

const LABELS = { actor: "Actor", action: "Action", token: "Token", from: "From", to: "To" };
const parse = (params: Record<string, string | string[]>) => parseSearchParams(auditFilterSchema, params, LABELS);

describe("the audit filter", () => {
  it("reads the time range as UTC, To taking in its whole minute, and drops empty fields", () => {
    expect(parse({ from: "2021-03-03T00:00", to: "2021-03-04T11:59", actor: " ", action: "", token: "" })).toEqual({
      ok: true,
      data: { from: new Date("2021-03-03T00:00:00Z"), to: new Date("2021-03-04T12:00:00Z") },
    });
    expect(parse({ actor: " admin@example.com ", action: "sign-in.failed" })).toEqual({
      ok: true,
      data: { actor: "admin@example.com", action: "sign-in.failed" },
    });
  });

  it.each([
    [{ from: "yesterday" }, "From: Enter a date and time as YYYY-MM-DDTHH:MM (UTC)"],
    [{ to: "2021-13-45T10:00" }, "To: Enter a date and time as YYYY-MM-DDTHH:MM (UTC)"],
    [{ from: "0000-01-01T00:00" }, "From: Use a year from 1900 to 2999"],
    [{ to: "9999-12-31T23:59" }, "To: Use a year from 1900 to 2999"],
    [{ from: "2021-03-05T10:00", to: "2021-03-04T10:00" }, "To: From must be before To"],
    [{ action: "DROP TABLE" }, "Action: An action looks like token.created or sign-in.failed"],
    [{ actor: ["a", "b"] }, "Actor: give one value"],
    [{ token: "x".repeat(321) }, "Token: At most 320 characters"],
  ])("refuses %j with a message naming the field", (params, message) => {
    expect(parse(params)).toEqual({ ok: false, messages: [message] });
  });
});
