import { describe, expect, it } from "vitest";
import { fillSubject, fillTemplate, runDate, templateValues } from "./mail-template";

const values = { report: "Sales by region", date: "2026-03-01", rows: "1,204" };

describe("fillTemplate", () => {
  it("substitutes the known variables, with or without spaces inside the braces", () => {
    expect(fillTemplate("{{report}} on {{ date }}: {{rows}} rows", values)).toBe(
      "Sales by region on 2026-03-01: 1,204 rows",
    );
  });

  it("leaves unknown variables and anything that is not a variable as typed", () => {
    expect(fillTemplate("{{owner}} {{constructor}} {{ report.name }} {report} {{}}", values)).toBe(
      "{{owner}} {{constructor}} {{ report.name }} {report} {{}}",
    );
  });

  it("never substitutes inside a substituted value nor runs it", () => {
    const tricky = { ...values, report: "{{rows}} ${process.exit(1)} <%= 7*7 %>" };
    expect(fillTemplate("{{report}}", tricky)).toBe("{{rows}} ${process.exit(1)} <%= 7*7 %>");
  });
});

describe("fillSubject", () => {
  it("turns line breaks from a value into spaces so no header can be added", () => {
    const injected = { ...values, report: "Sales\r\nBcc: victim@example.com\nX: y" };
    const subject = fillSubject("Report {{report}}", injected);
    expect(subject).toBe("Report Sales Bcc: victim@example.com X: y");
    expect(subject).not.toMatch(/[\r\n]/);
  });
});

describe("runDate", () => {
  it("gives the date in the schedule's zone", () => {
    const at = new Date("2026-03-01T23:30:00Z");
    expect(runDate(at, "UTC")).toBe("2026-03-01");
    expect(runDate(at, "Europe/Berlin")).toBe("2026-03-02");
    expect(runDate(at, "America/Los_Angeles")).toBe("2026-03-01");
  });

  it("falls back to UTC for a zone Intl does not know", () => {
    expect(runDate(new Date("2026-03-01T23:30:00Z"), "Mars/Olympus")).toBe("2026-03-01");
  });

  it("formats the row count for people", () => {
    expect(templateValues("R", new Date("2026-01-01T00:00:00Z"), "UTC", 12345).rows).toBe("12,345");
  });
});
