import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checksumOf, generateToken, hasValidForm } from "./format";

// The README tells secret scanners how to match a token offline; this keeps it true to format.ts.
const readme = readFileSync("README.md", "utf8");
const section = readme.slice(readme.indexOf("### Matching tokens offline"));
const documentedRegex = /```\n(\\bslc_.*)\n```/.exec(section)?.[1] ?? "";

describe("the README's token format", () => {
  const scanner = new RegExp(documentedRegex, "g");

  it("finds every issued token in surrounding text, and only whole tokens", () => {
    const tokens = Array.from({ length: 50 }, () => generateToken());
    const text = tokens.map((t, i) => `line ${i}: export SLUICE_TOKEN=${t};`).join("\n");
    expect(text.match(scanner)).toEqual(tokens);
    expect(`xslc_${tokens[0]?.slice(4)}`.match(scanner)).toBeNull();
  });

  it("agrees with the checksum the app checks", () => {
    const random = generateToken().slice(4, 34);
    const wrong = checksumOf(random) === "000000" ? "000001" : "000000";
    expect(hasValidForm(`slc_${random}${checksumOf(random)}`)).toBe(true);
    expect(hasValidForm(`slc_${random}${wrong}`)).toBe(false);
    expect(section).toContain("CRC-32 (IEEE, as zlib computes it)");
  });
});
