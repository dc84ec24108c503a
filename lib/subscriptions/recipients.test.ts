import { describe, expect, it } from "vitest";
import { parseRecipientList, uniqueRecipients } from "./recipients";

describe("uniqueRecipients", () => {
  it("trims, drops blanks and sends a repeated address once, under its first spelling", () => {
    expect(uniqueRecipients([" a@example.com", "B@example.com", "", "A@example.com ", "b@example.com"])).toEqual([
      "a@example.com",
      "B@example.com",
    ]);
  });
});

describe("parseRecipientList", () => {
  it("splits on lines, commas, semicolons and spaces, and applies the same rule as delivery", () => {
    expect(parseRecipientList("A@example.com, b@example.com;\n a@example.com  c@example.com\n")).toEqual([
      "A@example.com",
      "b@example.com",
      "c@example.com",
    ]);
  });
});
