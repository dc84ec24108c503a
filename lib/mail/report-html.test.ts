import { describe, expect, it } from "vitest";
import { reportHtml } from "./report-html";

describe("reportHtml", () => {
  it("escapes the message and keeps its line breaks", () => {
    const html = reportHtml({ message: 'Hi <script>alert("x")</script>\nsecond line\n\nnext & last' });
    expect(html).toContain("<p>Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>second line</p>");
    expect(html).toContain("<p>next &amp; last</p>");
    expect(html).not.toContain("<script>");
  });

  it("shows the first rows of a small report, escaped, and says when there are more", () => {
    const html = reportHtml({
      message: "",
      preview: { columns: ["region", "<b>"], rows: [["North", "1 < 2"]], totalRows: 3 },
    });
    expect(html).toContain("<th");
    expect(html).toContain(">&lt;b&gt;</th>");
    expect(html).toContain(">1 &lt; 2</td>");
    expect(html).toContain("The first 1 of 3 rows");
  });

  it("has no table without rows", () => {
    expect(reportHtml({ message: "x", preview: { columns: ["a"], rows: [], totalRows: 0 } })).not.toContain("<table");
  });
});
