import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { writeIndex } from "./report-index";

describe("writeIndex", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "conclab-index-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("lists each notebook with its status, time, summary and a relative link to its report", () => {
    const file = writeIndex(path.join(dir, "reports"), [
      { title: "intro", notebookPath: "notebooks/intro.ipynb", reportFile: path.join(dir, "reports", "intro.html"), ok: true, durationMs: 2500, summary: "ok: 4 of 4 code cells ran in 2.5 s" },
      { title: "a & b", notebookPath: "notebooks/a&b.ipynb", reportFile: path.join(dir, "reports", "a & b.html"), ok: false, durationMs: 800, summary: "cell 3 (id x) raised Error: <boom>" },
      { title: "broken", notebookPath: "notebooks/broken.ipynb", ok: false, durationMs: 0, summary: "broken.ipynb is not JSON" },
    ]);
    expect(file).toBe(path.join(dir, "reports", "index.html"));
    const html = readFileSync(file, "utf8");
    for (const part of [
      "3 notebooks, 2 failed",
      '<a href="intro.html">intro</a>',
      '<a href="a%20%26%20b.html">a &amp; b</a>',
      "cell 3 (id x) raised Error: &lt;boom&gt;",
      "<td>broken<br>",
      '<td class="time">2.5 s</td>',
    ]) expect(html).toContain(part);
    expect(html.match(/class="status failed">failed</g)).toHaveLength(3);
  });
});
