import { describe, expect, it } from "vitest";
import { bearerCredential } from "./bearer";

describe("bearerCredential", () => {
  it.each([
    ["Bearer slc_abc", "slc_abc"],
    ["bearer slc_abc", "slc_abc"],
    ["Bearer   slc_abc  ", "slc_abc"],
  ])("reads %j", (header, expected) => {
    expect(bearerCredential(header)).toBe(expected);
  });

  it.each([
    null,
    "",
    "Bearer",
    "Bearer ",
    "Basic dXNlcjpwYXNz",
    "Token slc_abc",
    "Bearer a b",
    "Bearer\tslc_abc",
    `Bearer ${"x".repeat(8192)}`,
  ])("refuses %j", (header) => {
    expect(bearerCredential(header)).toBeNull();
  });
});
