import { describe, expect, it } from "vitest";
import { checksumOf, generateToken } from "./format";

// Point this file's database at a port where nothing listens: any query would fail the call.
process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/unreachable";
const { verifyToken } = await import("./verify");

describe("verifyToken without a database", () => {
  const random = generateToken().slice(4, 34);
  const badChecksum = `slc_${random}${checksumOf(random) === "000000" ? "000001" : "000000"}`;

  it.each([
    ["a bad checksum", badChecksum],
    ["a wrong prefix", `pat_${random}${checksumOf(random)}`],
    ["SQL", "slc_' or 1=1 --"],
    ["unicode", `slc_${"é".repeat(36)}`],
    ["8 KiB", "slc_" + "A".repeat(8192)],
  ])("refuses %s offline, without a query", async (_label, candidate) => {
    await expect(verifyToken(candidate)).resolves.toBeNull();
  });

  it("does query for a well-formed token (so the cases above prove something)", async () => {
    await expect(verifyToken(generateToken())).rejects.toThrow();
  });
});
