/**
 * End to end: `conclab run` and the runner against conclab's own kernel, compiled in dist/
 * (`npm test` builds first; alone: `npm run build && npx jest notebook-runner.conclab`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { findPython, validateNotebookFile } from "../test/support/jupyter-python";
import { CodeCell, Notebook, readNotebook } from "./nbformat";
import { executeNotebook } from "./notebook-runner";
import { isPlotlyLibraryOutput, plotlyScript } from "../common/plotly-js";

const ROOT = path.resolve(__dirname, "..");
const CONCLAB = path.join(ROOT, "bin", "conclab.js");

let temp: string;
beforeAll(() => {
  for (const built of ["dist/kernel/main.js", "dist/notebook-runner/run-command.js"]) {
    if (!existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` before this test`);
  }
});
beforeEach(() => {
  temp = mkdtempSync(path.join(tmpdir(), "conclab-e2e-"));
});
afterEach(() => rmSync(temp, { recursive: true, force: true }));

function writeNotebook(name: string, cells: { source: string; tags?: string[]; markdown?: boolean }[]): string {
  const file = path.join(temp, name);
  const notebook = {
    nbformat: 4,
    nbformat_minor: 4,
    metadata: {},
    cells: cells.map(({ source, tags, markdown }) =>
      markdown ? { cell_type: "markdown", metadata: {}, source } : { cell_type: "code", metadata: tags ? { tags } : {}, source, outputs: [], execution_count: null },
    ),
  };
  writeFileSync(file, JSON.stringify(notebook));
  return file;
}

function conclabRun(args: string[]) {
  const result = spawnSync(process.execPath, [CONCLAB, "run", ...args], { cwd: temp, encoding: "utf8", timeout: 120_000 });
  return { status: result.status, out: result.stdout + result.stderr };
}

const codeCells = (notebook: Notebook) => notebook.cells.filter((c): c is CodeCell => c.cell_type === "code");
const libraryOutputs = (notebook: Notebook) => codeCells(notebook).flatMap((c) => c.outputs.filter((o) => o.output_type === "display_data" && isPlotlyLibraryOutput(o.data)));

describe("conclab run (against the conclab kernel)", () => {
  const LAB_CELLS = [
    { markdown: true, source: "# Lab\n\nTwo *charts* below." },
    { source: "const answer = 6 * 7;\nconsole.log('hello');\nanswer" },
    { source: 'import { display } from "conclab";\ndisplay.plotly({ data: [{ type: "bar", y: [1, answer] }] });\ndisplay.plotly({ data: [{ type: "bar", y: [3, 4] }] });\nundefined' },
    { source: "throw new Error('expected');", tags: ["raises-exception"] },
    { source: "console.error('<warn>');\nanswer + 1" },
    { source: 'import { verdict } from "conclab/tutorials";\nverdict({ claims: ["C10"], holds: "cannot judge", text: "No experiment ran in this <lab>.", from: {} });' },
  ];

  it("executes a notebook, writes nbformat 4.5 outputs back without plotly.js, an offline HTML report with both charts, and the index with its verdict", () => {
    const file = writeNotebook("lab.ipynb", LAB_CELLS);
    const result = conclabRun([file, "--html-dir", "reports"]);
    expect(result.out).toContain(`ok ${file}: ok: 5 of 5 code cells ran`);
    expect(result.status).toBe(0);

    const notebook = readNotebook(file);
    expect(notebook.nbformat_minor).toBe(5);
    expect(notebook.metadata.kernelspec).toEqual({ name: "conclab", display_name: "TypeScript (conclab)", language: "typescript" });
    expect(notebook.metadata.language_info?.name).toBe("typescript");
    const [first, charts, raises, last, verdictCell] = codeCells(notebook);
    expect(first.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "hello\n" },
      { output_type: "execute_result", execution_count: first.execution_count, data: expect.objectContaining({ "text/plain": "42" }), metadata: expect.any(Object) },
    ]);
    const plotly = charts.outputs.filter((o) => o.output_type === "display_data" && o.data["application/vnd.plotly.v1+json"] !== undefined);
    expect(plotly).toHaveLength(2);
    expect(libraryOutputs(notebook)).toEqual([]);
    expect(raises.outputs).toEqual([expect.objectContaining({ output_type: "error", ename: "Error", evalue: "expected" })]);
    expect(last.outputs[0]).toEqual({ output_type: "stream", name: "stderr", text: "<warn>\n" });
    expect(codeCells(notebook).map((c) => c.execution_count)).toEqual([1, 2, 3, 4, 5]);
    const python = findPython(["nbformat"]);
    if (python) validateNotebookFile(python, file);
    else if (process.env.CONCLAB_REQUIRE_JUPYTER === "1") throw new Error("CONCLAB_REQUIRE_JUPYTER=1 but no Python with nbformat to validate the notebook");

    const report = readFileSync(path.join(temp, "reports", "lab.html"), "utf8");
    expect(report.split(plotlyScript()).length - 1).toBe(1);
    expect(report.match(/Plotly\.newPlot\(/g)).toHaveLength(2);
    expect(report).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(report).toContain('<h1 id="lab">Lab</h1>');
    expect(report).toContain('<pre class="stream stderr">&lt;warn&gt;\n</pre>');
    const index = readFileSync(path.join(temp, "reports", "index.html"), "utf8");
    expect(index).toContain('<a href="lab.html">lab</a>');
    expect(index).toContain(`<li><span class="holds" style="background:#57606a">cannot judge</span> <b><a href="lab.html#cell-${verdictCell.id}">C10</a></b> threads deadlock</li>`);
  }, 120_000);

  it("with --interactive-notebooks keeps plotly.js in the notebook it writes, once, before the first chart", () => {
    const file = writeNotebook("lab.ipynb", LAB_CELLS.slice(0, 3));
    const result = conclabRun([file, "--interactive-notebooks", "--html", "lab.html"]);
    expect(result.status).toBe(0);
    const notebook = readNotebook(file);
    expect(libraryOutputs(notebook)).toHaveLength(1);
    const charts = codeCells(notebook)[1];
    expect(isPlotlyLibraryOutput((charts.outputs[0] as { data: Record<string, unknown> }).data)).toBe(true);
    expect(readFileSync(path.join(temp, "lab.html"), "utf8").split(plotlyScript()).length - 1).toBe(1);
  }, 120_000);

  it("stops at the first error, says which cell and why, and exits 1", () => {
    const file = writeNotebook("broken.ipynb", [{ source: "const x = 1;" }, { source: "throw new TypeError('boom');" }, { source: "console.log('never');" }]);
    const result = conclabRun([file]);
    expect(result.status).toBe(1);
    expect(result.out).toMatch(/FAILED .*broken\.ipynb: failed: cell 2 \(id [\w-]+\) raised TypeError: boom/);
    expect(result.out).toContain("throw new TypeError('boom');");
    const [, failed, never] = codeCells(readNotebook(file));
    expect(failed.outputs[0]).toMatchObject({ output_type: "error", ename: "TypeError", evalue: "boom" });
    expect(never).toMatchObject({ outputs: [], execution_count: null });
  }, 120_000);

  it("puts output that arrives after its cell finished into that cell, as Jupyter does", async () => {
    const file = writeNotebook("late.ipynb", [{ source: "setTimeout(() => console.log('late'), 200);\n1" }, { source: "await new Promise((resolve) => setTimeout(resolve, 1000));\n2" }]);
    const notebook = readNotebook(file);
    const run = await executeNotebook(notebook, temp);
    expect(run.ok).toBe(true);
    const [first, second] = codeCells(notebook);
    expect(first.outputs).toEqual([expect.objectContaining({ output_type: "execute_result" }), { output_type: "stream", name: "stdout", text: "late\n" }]);
    expect(second.outputs).toEqual([expect.objectContaining({ output_type: "execute_result" })]);
  }, 120_000);

  it("interrupts a cell that outlives --timeout and fails the run", async () => {
    // The timeout counts from the cell's request, and the first cell also waits for the TypeScript engine to start (1-2 s, more on a loaded machine).
    const file = writeNotebook("slow.ipynb", [{ source: "0" }, { source: "console.log('waiting');\nawait new Promise((resolve) => setTimeout(resolve, 60_000));" }, { source: "1" }]);
    const notebook = readNotebook(file);
    const run = await executeNotebook(notebook, temp, { timeoutSeconds: 5 });
    expect(run.failure).toMatchObject({ reason: "timeout", cellIndex: 1, ename: "CellTimeoutError" });
    expect(run.cells.map((c) => c.status)).toEqual(["ok", "timeout", "not-run"]);
    expect(codeCells(notebook)[1].outputs[0]).toEqual({ output_type: "stream", name: "stdout", text: "waiting\n" });
  }, 120_000);
});
