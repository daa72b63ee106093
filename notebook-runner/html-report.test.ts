import { readFileSync } from "node:fs";
import { CodeCell, Notebook, Output } from "./nbformat";
import { renderReport } from "./html-report";
import { PLOTLY_MIME, plotlyScript } from "../common/plotly-js";
import { NotebookExecution } from "./notebook-runner";

const figure = (y: number[]) => ({ data: [{ type: "bar", x: ["sync", "threads"], y }], layout: { title: { text: "wall time" } } });

function notebookWith(outputs: Output[][], markdown = "# Results\n\nThe *threads* model wins."): Notebook {
  const code = outputs.map(
    (cellOutputs, i): CodeCell => ({ id: `code-${i}`, cell_type: "code", metadata: {}, source: `const a${i} = 1 < 2 && "</script>";`, outputs: cellOutputs, execution_count: i + 1 }),
  );
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "conclab", display_name: "TypeScript (conclab)" }, language_info: { name: "typescript" } },
    cells: [{ id: "md", cell_type: "markdown", metadata: {}, source: markdown }, ...code],
  };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe("renderReport", () => {
  it("inlines plotly.js once for two charts and loads nothing over the network", () => {
    const notebook = notebookWith([
      [{ output_type: "display_data", data: { [PLOTLY_MIME]: figure([3, 1]), "text/html": "<div>kernel-html-rendering</div>", "text/plain": "chart" }, metadata: {} }],
      [{ output_type: "display_data", data: { [PLOTLY_MIME]: figure([5, 2]), "text/plain": "chart" }, metadata: {} }],
    ]);
    const html = renderReport(notebook, { title: "charts" });
    const plotly = plotlyScript();
    expect(plotly.length).toBeGreaterThan(1_000_000);
    expect(count(html, plotly)).toBe(1);
    expect(count(html, "Plotly.newPlot(")).toBe(2);
    expect(html).toContain('<div class="plotly-chart" id="plotly-chart-1"></div>');
    expect(html).toContain('<div class="plotly-chart" id="plotly-chart-2"></div>');
    expect(html).not.toContain("kernel-html-rendering");
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link[^>]*href=["']?https?:/i);
    expect(html.indexOf(plotly)).toBeLessThan(html.indexOf("Plotly.newPlot("));
  });

  it("leaves plotly.js out of a page without charts", () => {
    const html = renderReport(notebookWith([[{ output_type: "stream", name: "stdout", text: "hi\n" }]]), { title: "plain" });
    expect(html).not.toContain("Plotly");
    expect(html.length).toBeLessThan(20_000);
  });

  it("keeps figure JSON from closing its script element", () => {
    const html = renderReport(notebookWith([[{ output_type: "display_data", data: { [PLOTLY_MIME]: { data: [{ name: "</script><b>x</b>", y: [1] }] } }, metadata: {} }]]), { title: "t" });
    expect(html).toContain("\\u003c/script>\\u003cb>x\\u003c/b>");
    expect(html).not.toContain("</script><b>x</b>");
  });

  it("renders markdown cells, and escapes sources, text and streams", () => {
    const notebook = notebookWith([
      [
        { output_type: "stream", name: "stdout", text: "a <b> & c\n" },
        { output_type: "stream", name: "stderr", text: "\u001b[33mwarning\u001b[0m\n" },
        { output_type: "execute_result", data: { "text/plain": "Map(1) { 'k' => '<v>' }" }, metadata: {}, execution_count: 1 },
      ],
    ]);
    const html = renderReport(notebook, { title: "Results & more" });
    for (const part of [
      '<h1 id="results">Results</h1>',
      "<p>The <em>threads</em> model wins.</p>",
      "<title>Results &amp; more</title>",
      "const a0 = 1 &lt; 2 &amp;&amp; &quot;&lt;/script&gt;&quot;;",
      '<pre class="stream">a &lt;b&gt; &amp; c\n</pre>',
      '<pre class="stream stderr">warning\n</pre>',
      '<pre class="text">Map(1) { &#39;k&#39; =&gt; &#39;&lt;v&gt;&#39; }</pre>',
    ]) expect(html).toContain(part);
  });

  it("shows errors without ANSI codes, HTML as is, images inline, carriage-return progress as its last state", () => {
    const notebook = notebookWith([
      [
        { output_type: "stream", name: "stdout", text: "10%\r50%\r100%\n" },
        { output_type: "display_data", data: { "text/html": "<table><tr><td>t</td></tr></table>", "text/plain": "t" }, metadata: {} },
        { output_type: "display_data", data: { "image/png": "iVBORw0K\nGgo=" }, metadata: { "image/png": { width: 40 } } },
        { output_type: "display_data", data: { "image/svg+xml": "<svg><circle r='2'/></svg>" }, metadata: {} },
        { output_type: "error", ename: "TypeError", evalue: "x is not a function", traceback: ["\u001b[31mTypeError\u001b[0m: x is not a function", "    at <cell 1>:3:1"] },
      ],
    ]);
    const html = renderReport(notebook, { title: "t" });
    for (const part of [
      '<pre class="stream">100%\n</pre>',
      "<table><tr><td>t</td></tr></table>",
      '<img src="data:image/png;base64,iVBORw0KGgo=" width="40" alt="">',
      "<svg><circle r='2'/></svg>",
      '<pre class="error">TypeError: x is not a function\n    at &lt;cell 1&gt;:3:1</pre>',
    ]) expect(html).toContain(part);
    expect(html).not.toContain("\u001b");
  });

  it("shows the run: status, the failed cell marked and linked, cells that did not run", () => {
    const notebook = notebookWith([[{ output_type: "error", ename: "Error", evalue: "boom", traceback: [] }], []]);
    const run: Pick<NotebookExecution, "ok" | "cells" | "failure" | "startedAt" | "durationMs"> = {
      ok: false,
      startedAt: new Date("2025-01-02T03:04:05Z"),
      durationMs: 1500,
      cells: [
        { index: 1, id: "code-0", status: "error", durationMs: 1200 },
        { index: 2, id: "code-1", status: "not-run", durationMs: 0 },
      ],
      failure: { reason: "error", cellIndex: 1, cellId: "code-0", ename: "Error", evalue: "boom", traceback: [] },
    };
    const html = renderReport(notebook, { title: "t", sourcePath: "notebooks/t.ipynb", run });
    for (const part of [
      '<span class="status failed">failed</span>',
      '<a href="#cell-code-0">cell 2 (id code-0) raised Error: boom</a>',
      '<section class="cell code failed error" id="cell-code-0">',
      '<span class="time">1.2 s</span>',
      "not run: the run stopped before this cell",
      "notebooks/t.ipynb",
      "run at 2025-01-02T03:04:05.000Z",
      '<pre class="error">Error: boom</pre>',
    ]) expect(html).toContain(part);
  });

  it("resolves markdown attachments to data URLs", () => {
    const notebook = notebookWith([]);
    notebook.cells[0] = { id: "md", cell_type: "markdown", metadata: {}, source: "![plot](attachment:p.png)", attachments: { "p.png": { "image/png": "AAAA" } } };
    expect(renderReport(notebook, { title: "t" })).toContain('<img src="data:image/png;base64,AAAA" alt="plot">');
  });

  it("reads plotly.js from the installed package, made safe to inline", () => {
    const file = require.resolve("plotly.js-dist-min/plotly.min.js");
    const original = readFileSync(file, "utf8");
    const version = /plotly\.js v[\d.]+/.exec(original)?.[0];
    expect(version).toBeDefined();
    expect(plotlyScript()).toContain(version);
    expect(plotlyScript()).not.toMatch(/<\/script|<!--/i);
    expect(Math.abs(plotlyScript().length - original.length)).toBeLessThan(100);
  });
});
