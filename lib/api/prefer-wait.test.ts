import { describe, expect, it } from "vitest";
import { preferredWait } from "./prefer-wait";

const wait = (value: string | null) => preferredWait(new Headers(value === null ? {} : { Prefer: value }));

describe("Prefer: wait", () => {
  it.each([
    ["wait=10", 10],
    ["wait=1", 1],
    ["wait=60", 60],
    ["WAIT=5", 5],
    ["respond-async, wait=30", 30],
    ["wait=30; foo=bar", 30],
    ['wait="15"', 15],
    [" handling=lenient ,  wait = 7 ", 7],
  ])("%s → %s", (header, expected) => {
    expect(wait(header)).toBe(expected);
  });

  it.each([
    null,
    "",
    "wait=0",
    "wait=61",
    "wait=999",
    "wait=-1",
    "wait=1.5",
    "wait=abc",
    "wait",
    "wait=",
    "return=minimal",
    "wait=10=2",
  ])("ignores %s", (header) => {
    expect(wait(header)).toBeNull();
  });
});
