import { describe, expect, it } from "vitest";
import { MAIL_HEALTH_MAX_AGE_MS, staleMailHealthFields } from "./mail";

describe("staleMailHealthFields", () => {
  it("names the workers whose report is too old or unreadable, keeping fresh ones", () => {
    const now = Date.parse("2026-11-29T12:00:00Z");
    const report = (reportedAt: number) => JSON.stringify({ status: "ok", since: "2026-11-29T11:00:00Z", reportedAt });
    expect(
      staleMailHealthFields(
        {
          fresh: report(now - MAIL_HEALTH_MAX_AGE_MS),
          old: report(now - MAIL_HEALTH_MAX_AGE_MS - 1),
          garbled: "{not json",
          unknownShape: JSON.stringify({ status: "maybe", reportedAt: now }),
        },
        now,
      ),
    ).toEqual(["old", "garbled", "unknownShape"]);
  });
});
