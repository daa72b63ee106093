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
      { title: "intro", notebookPath: "notebooks/intro.ipynb", reportFile: path.join(dir, "reports", "intro.html"), ok: true, durationMs: 2500, summary: "ok: 4 of 4 code cells ran in 2.5 s", verdicts: [] },
      { title: "a & b", notebookPath: "notebooks/a&b.ipynb", reportFile: path.join(dir, "reports", "a & b.html"), ok: false, durationMs: 800, summary: "cell 3 (id x) raised Error: <boom>", verdicts: [] },
      { title: "broken", notebookPath: "notebooks/broken.ipynb", ok: false, durationMs: 0, summary: "broken.ipynb is not JSON", verdicts: [] },
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

  it("shows each notebook's verdicts one line each: outcome, claims linked to their cell in the report, and what the article says", () => {
    const html = readFileSync(
      writeIndex(dir, [
        {
          title: "io",
          notebookPath: "notebooks/io.ipynb",
          reportFile: path.join(dir, "io.html"),
          ok: true,
          durationMs: 1000,
          summary: "ok",
          verdicts: [
            { claims: ["C1"], holds: true, cellId: "v-1" },
            { claims: ["C1"], holds: false, cellId: "v-1", on: "CPython 3.11 (GIL)" },
            { claims: ["C7", "C12"], holds: "partly", cellId: "v-2" },
          ],
        },
        { title: "own", notebookPath: "own.ipynb", ok: false, durationMs: 10, summary: "failed", verdicts: [{ claims: ["C<b>"], holds: false, cellId: "x" }] },
        { title: "plain", notebookPath: "plain.ipynb", reportFile: path.join(dir, "plain.html"), ok: true, durationMs: 10, summary: "ok", verdicts: [] },
      ]),
      "utf8",
    );
    expect(html).toContain(
      '<li><span class="holds" style="background:#1a7f37">holds</span> <b><a href="io.html#cell-v-1">C1</a></b> async is faster than threads because creating and synchronising threads costs time</li>',
    );
    expect(html).toContain('<b><a href="io.html#cell-v-2">C7, C12</a></b> async is best for I/O-bound work; async has less overhead because coroutines are lighter</li>');
    expect(html).toContain('>holds in part</span>');
    expect(html).toContain('<b><a href="io.html#cell-v-1">C1</a></b> <span class="meta">on CPython 3.11 (GIL)</span> async is faster');
    // A claim the article does not have is shown by its id alone, escaped; without a report there is no link.
    expect(html).toContain('<li><span class="holds" style="background:#cf222e">does not hold</span> <b>C&lt;b&gt;</b></li>');
    expect(html).toContain('<td><span class="meta">none shown</span></td>');
    expect(html).toContain("4 verdicts: 1 holds, 2 does not hold, 1 holds in part, computed by the notebooks' verdict cells in this run");
  });
});
