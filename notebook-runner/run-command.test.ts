import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Notebook, readNotebook } from "./nbformat";
import { NotebookRun, RunOptions } from "./notebook-runner";
import { DEFAULT_TIMEOUT_SECONDS, runCommand } from "./run-command";

let temp: string;
beforeEach(() => {
  temp = mkdtempSync(path.join(tmpdir(), "conclab-run-command-"));
});
afterEach(() => rmSync(temp, { recursive: true, force: true }));

function notebookFile(name: string, source = "1 + 1"): string {
  const file = path.join(temp, name);
  writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ id: "c1", cell_type: "code", metadata: {}, source, outputs: [], execution_count: null }] }));
  return file;
}

/** Stands in for the kernel: a cell whose source contains "throw" fails, the others print "ran". */
function fakeRunner(calls: { file: string; options: RunOptions }[]) {
  return async (file: string, options: RunOptions): Promise<NotebookRun> => {
    calls.push({ file, options });
    const notebook: Notebook = readNotebook(file);
    const cell = notebook.cells[0];
    if (cell.cell_type !== "code") throw new Error("test notebooks start with a code cell");
    const fails = cell.source.includes("throw");
    cell.outputs = fails ? [{ output_type: "error", ename: "Error", evalue: "boom", traceback: ["\u001b[31mError\u001b[0m: boom", "    at cell:1"] }] : [{ output_type: "stream", name: "stdout", text: "ran\n" }];
    const cells = [{ index: 0, id: cell.id, status: fails ? ("error" as const) : ("ok" as const), durationMs: 5 }];
    options.onCellDone?.(cells[0], 1, 1);
    const failure = fails ? { reason: "error" as const, cellIndex: 0, cellId: cell.id, ename: "Error", evalue: "boom", traceback: ["\u001b[31mError\u001b[0m: boom", "    at cell:1"] } : undefined;
    return { path: file, notebook, ok: !fails, cells, failure, startedAt: new Date(), durationMs: 5, kernelLog: "" };
  };
}

async function run(argv: string[], calls: { file: string; options: RunOptions }[] = []) {
  const lines: string[] = [];
  const code = await runCommand(argv, { out: (line) => lines.push(line), runNotebook: fakeRunner(calls) });
  return { code, out: lines.join("\n") };
}

describe("conclab run", () => {
  it.each([
    [[], "give at least one notebook"],
    [["--bogus", "x.ipynb"], "Unknown option '--bogus'; the options are --html OUT.html, --html-dir DIR, --timeout S, --allow-errors, --interactive-notebooks"],
    [["x.ipynb", "--timeout", "soon"], '--timeout expects seconds, a number >= 0 (0 = no limit); got "soon"'],
    [["x.ipynb", "--timeout=-1"], '--timeout expects seconds, a number >= 0 (0 = no limit); got "-1"'],
    [["a.ipynb", "b.ipynb", "--html", "out.html"], "--html writes one report but 2 notebooks were given; use --html-dir DIR for several"],
    [["a.ipynb", "--html", "o.html", "--html-dir", "d"], "use either --html OUT.html (one notebook) or --html-dir DIR, not both"],
    [["missing.ipynb"], "no such notebook file: missing.ipynb"],
  ])("rejects %j with exit code 2, saying what was expected", async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.out).toContain(message);
  });

  it("prints its help", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("usage: conclab run NOTEBOOK.ipynb");
    expect(result.out).toContain("--interactive-notebooks   keep plotly.js in each notebook written");
  });

  it("passes the timeout (default and given), --allow-errors and --interactive-notebooks to the runner", async () => {
    const file = notebookFile("a.ipynb");
    const calls: { file: string; options: RunOptions }[] = [];
    await run([file], calls);
    await run([file, "--timeout", "2.5", "--allow-errors", "--interactive-notebooks"], calls);
    expect(calls.map((c) => [c.options.timeoutSeconds, c.options.allowErrors, c.options.keepPlotlyLibrary])).toEqual([
      [DEFAULT_TIMEOUT_SECONDS, false, false],
      [2.5, true, true],
    ]);
  });

  it("writes one report with --html and exits 0 when the notebook ran cleanly", async () => {
    const file = notebookFile("intro.ipynb");
    const report = path.join(temp, "out", "intro-report.html");
    const result = await run([file, "--html", report]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`ok ${file}: ok: 1 of 1 code cells ran`);
    expect(result.out).toContain("[1/1] cell 1 ok 5 ms");
    expect(readFileSync(report, "utf8")).toContain('<pre class="stream">ran\n</pre>');
  });

  it("with --html-dir writes a report per notebook and the index, names the failed cell, and exits 1", async () => {
    const good = notebookFile("good.ipynb");
    const bad = notebookFile("bad.ipynb", "throw new Error('boom')");
    mkdirSync(path.join(temp, "other"));
    const sameName = notebookFile(path.join("other", "good.ipynb"));
    const dir = path.join(temp, "reports");
    const result = await run([good, bad, sameName, "--html-dir", dir]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`FAILED ${bad}: failed: cell 1 (id c1) raised Error: boom`);
    expect(result.out).toContain("    throw new Error('boom')");
    expect(result.out).toContain("    Error: boom\n        at cell:1");
    expect(result.out).not.toContain("\u001b[");
    expect(result.out).toContain(`1 of 3 notebooks failed: ${bad}`);
    for (const name of ["good.html", "bad.html", "good-2.html", "index.html"]) expect(existsSync(path.join(dir, name))).toBe(true);
    const index = readFileSync(path.join(dir, "index.html"), "utf8");
    expect(index).toContain("3 notebooks, 1 failed");
    expect(index).toContain('<a href="good-2.html">good</a>');
  });

  it("reports an unreadable notebook as a failure and goes on with the next", async () => {
    const broken = path.join(temp, "broken.ipynb");
    writeFileSync(broken, "{ not json");
    const good = notebookFile("good.ipynb");
    const result = await run([broken, good, "--html-dir", path.join(temp, "r")]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`FAILED ${broken}: ${broken} is not JSON`);
    expect(result.out).toContain(`ok ${good}`);
    expect(readFileSync(path.join(temp, "r", "index.html"), "utf8")).toContain("is not JSON");
  });
});
