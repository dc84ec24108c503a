import { describe, expect, it } from "vitest";
import { hasPermission } from "./permissions";

describe("hasPermission", () => {
  it("grants only what the token holds", () => {
    expect(hasPermission(["subscriptions:execute"], "subscriptions:execute")).toBe(true);
    expect(hasPermission(["subscriptions:execute"], "semantic-models:refresh")).toBe(false);
    expect(hasPermission([], "subscriptions:execute")).toBe(false);
    expect(hasPermission(["subscriptions:*"], "subscriptions:execute")).toBe(false);
  });
});
