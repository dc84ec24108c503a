import { describe, expect, it } from "vitest";
import { MAX_CONCURRENT_PASSWORD_CHECKS, takePasswordCheckSlot } from "./password";

describe("password check slots", () => {
  it("refuses a check beyond the cap until one is released", () => {
    const slots = Array.from({ length: MAX_CONCURRENT_PASSWORD_CHECKS }, () => takePasswordCheckSlot());
    expect(slots.every((slot) => slot !== null)).toBe(true);
    expect(takePasswordCheckSlot()).toBeNull();
    slots[0]?.release();
    slots[0]?.release(); // a second release gives nothing back twice
    const again = takePasswordCheckSlot();
    expect(again).not.toBeNull();
    expect(takePasswordCheckSlot()).toBeNull();
    for (const slot of [...slots, again]) slot?.release();
  });
});
