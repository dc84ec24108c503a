import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

it("engines.node asks for a Node with crc32 in node:zlib (20.15 or later)", () => {
  const { engines } = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
  const match = /^>=(\d+)\.(\d+)/.exec(engines.node);
  expect(match).not.toBeNull();
  const [major, minor] = [Number(match?.[1]), Number(match?.[2])];
  expect(major > 20 || (major === 20 && minor >= 15)).toBe(true);
});
