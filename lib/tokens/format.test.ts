import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ALPHABET, checksumOf, digestOf, generateToken, hasValidForm, hintOf, TOKEN_LENGTH } from "./format";

const SAMPLE_SIZE = 100_000;
// Chi-square critical value for 61 degrees of freedom (62 characters) at p = 1e-6: an unbiased generator exceeds it
// once in a million runs (the 99.9th percentile, ~100.9, would fail one run in a thousand). The classic `byte % 62`
// bias (characters 0–7 drawn 5/4 as often) scores about 20,000 on this sample, so it is still caught.
const CHI_SQUARE_CRITICAL_61_DF = 128.5;

describe("generateToken", () => {
  const tokens = Array.from({ length: SAMPLE_SIZE }, generateToken);

  it("makes 100,000 distinct, well-formed tokens whose checksums verify", () => {
    expect(new Set(tokens).size).toBe(SAMPLE_SIZE);
    // One assertion over the whole sample: 300,000 separate expect() calls take seconds on their own.
    const malformed = tokens.filter(
      (token) => !/^slc_[0-9A-Za-z]{36}$/.test(token) || token.length !== TOKEN_LENGTH || !hasValidForm(token),
    );
    expect(malformed).toEqual([]);
  });

  it("draws every alphabet character about equally often (no modulo bias)", () => {
    const counts = new Map<string, number>();
    for (const token of tokens) for (const ch of token.slice(4, 34)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (SAMPLE_SIZE * 30) / 62;
    const chiSquare = [...counts.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(CHI_SQUARE_CRITICAL_61_DF);
  });
});

describe("checksumOf", () => {
  it("is CRC-32 (zlib) of the random part as 6 base62 digits, most significant first", () => {
    const randomPart = "AbCdEfGhIjKlMnOpQrStUvWxYz0123";
    let value = crc32(Buffer.from(randomPart, "ascii"));
    let expected = "";
    for (let i = 0; i < 6; i++) {
      expected = ALPHABET[value % 62] + expected;
      value = Math.floor(value / 62);
    }
    expect(checksumOf(randomPart)).toBe(expected);
  });

  it("left-pads small values with 0", () => {
    // CRC-32 of the empty string is 0.
    expect(checksumOf("")).toBe("000000");
  });
});

describe("hasValidForm", () => {
  const token = generateToken();
  const flipLast = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");

  it.each([
    ["a changed checksum char", flipLast],
    ["a changed random char", token.slice(0, 10) + (token[10] === "x" ? "y" : "x") + token.slice(11)],
    ["the wrong prefix", "sk_" + token.slice(3)],
    ["one char short", token.slice(0, -1)],
    ["one char long", token + "0"],
    ["a non-base62 char", token.slice(0, 8) + "-" + token.slice(9)],
    ["empty", ""],
    ["unicode look-alikes", token.replace(/[0-9]/, "٣")],
  ])("rejects %s", (_label, candidate) => {
    expect(hasValidForm(candidate)).toBe(false);
  });
});

describe("digest and hint", () => {
  it("stores a SHA-256 hex digest and a non-secret 8-char hint", () => {
    const token = generateToken();
    expect(digestOf(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOf(token)).not.toContain(token.slice(4));
    expect(hintOf(token)).toBe(token.slice(0, 8));
  });
});
