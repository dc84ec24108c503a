import { describe, expect, it } from "vitest";
import { passwordSchema } from "./schemas";
import { generateFirstPassword } from "../seed/admin";

describe("password policy", () => {
  it("counts bcrypt's 72-byte limit in bytes, not characters", () => {
    expect(passwordSchema.safeParse("a".repeat(72)).success).toBe(true);
    expect(passwordSchema.safeParse("a".repeat(73)).success).toBe(false);
    // 37 characters, 74 bytes: bcrypt would silently ignore the end of it.
    const accented = "é".repeat(37);
    expect(accented.length).toBeLessThan(72);
    const result = passwordSchema.safeParse(accented);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain("At most 72 bytes");
    expect(passwordSchema.safeParse("é".repeat(36)).success).toBe(true);
  });

  it("wants at least 12 characters", () => {
    expect(passwordSchema.safeParse("eleven-char").success).toBe(false);
    expect(passwordSchema.safeParse("twelve-chars").success).toBe(true);
  });

  it("is met by the seed's generated first password", () => {
    for (let i = 0; i < 100; i++) expect(passwordSchema.safeParse(generateFirstPassword()).success).toBe(true);
  });
});
