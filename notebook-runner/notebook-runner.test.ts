/**
 * The runner's rules (outputs, stop on error, tags, timeouts, a dying kernel) checked against
 * ipykernel, a kernel that exists independently of ours. The same runner against conclab's own
 * kernel is in notebook-runner.conclab.test.ts.
 */
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { itWithPython, validateNotebookFile } from "../test/support/jupyter-python";
import { Cell, CodeCell, Notebook, parseNotebook } from "./nbformat";
import { RunOptions, executeNotebook, runNotebook } from "./notebook-runner";

const PYTHON_KERNELSPEC = { name: "python3", display_name: "Python 3", language: "python" };

function notebookOf(cells: (string | { source: string; tags?: string[]; type?: "markdown" })[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map((cell, i): Cell => {
      const { source, tags, type } = typeof cell === "string" ? { source: cell, tags: undefined, type: undefined } : cell;
      if (type === "markdown") return { id: `md-${i}`, cell_type: "markdown", metadata: {}, source };
      return { id: `cell-${i}`, cell_type: "code", metadata: tags ? { tags } : {}, source, outputs: [{ output_type: "stream", name: "stdout", text: "stale\n" }], execution_count: 99 };
    }),
  };
}

const code = (notebook: Notebook, index: number) => notebook.cells[index] as CodeCell;

let temp: string;
beforeEach(() => {
  temp = realpathSync(mkdtempSync(path.join(tmpdir(), "conclab-runner-")));
});
afterEach(() => rmSync(temp, { recursive: true, force: true }));

function ipykernel(python: string, extra: RunOptions = {}): RunOptions {
  return {
    kernelArgv: [python, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
    kernelEnv: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
    kernelspec: PYTHON_KERNELSPEC,
    ...extra,
  };
}

describe("executeNotebook (against ipykernel)", () => {
  itWithPython(["ipykernel", "nbformat"], "records streams, results, display updates and clear_output, stops at the first error", async (python) => {
    const notebook = notebookOf([
      { type: "markdown", source: "# title" },
      "import sys\nprint('one')\nprint('two')\nprint('err', file=sys.stderr)\n6 * 7",
      "from IPython.display import display\nhandle = display('0%', display_id='progress')",
      "from IPython.display import update_display, clear_output\nupdate_display('100%', display_id='progress')\nprint('working')\nclear_output(wait=True)\nprint('done')",
      "raise ValueError('no good')",
      "print('never')",
    ]);
    const run = await executeNotebook(notebook, temp, ipykernel(python));
    expect(run.ok).toBe(false);
    expect(run.cells.map((c) => c.status)).toEqual(["ok", "ok", "ok", "error", "not-run"]);
    expect(run.failure).toMatchObject({ reason: "error", cellIndex: 4, cellId: "cell-4", ename: "ValueError", evalue: "no good" });
    expect(code(notebook, 1).outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "one\ntwo\n" },
      { output_type: "stream", name: "stderr", text: "err\n" },
      { output_type: "execute_result", execution_count: 1, data: { "text/plain": "42" }, metadata: {} },
    ]);
    expect(code(notebook, 1).execution_count).toBe(1);
    expect(code(notebook, 2).outputs).toEqual([{ output_type: "display_data", data: { "text/plain": "'100%'" }, metadata: {} }]);
    expect(code(notebook, 3).outputs).toEqual([{ output_type: "stream", name: "stdout", text: "done\n" }]);
    expect(code(notebook, 4).outputs[0]).toMatchObject({ output_type: "error", ename: "ValueError", evalue: "no good" });
    expect(code(notebook, 5)).toMatchObject({ outputs: [], execution_count: null });
    expect(notebook.metadata.kernelspec).toEqual(PYTHON_KERNELSPEC);
    expect(notebook.metadata.language_info).toMatchObject({ name: "python", file_extension: ".py" });
    const file = path.join(temp, "out.ipynb");
    writeFileSync(file, JSON.stringify(notebook));
    validateNotebookFile(python, file);
  }, 60_000);

  itWithPython(["ipykernel"], "goes on past a cell tagged raises-exception, and past any error with allowErrors", async (python) => {
    const tagged = notebookOf([{ source: "1/0", tags: ["raises-exception"] }, "'after'"]);
    const run = await executeNotebook(tagged, temp, ipykernel(python));
    expect(run.ok).toBe(true);
    expect(run.cells.map((c) => c.status)).toEqual(["expected-error", "ok"]);
    expect(code(tagged, 0).outputs[0]).toMatchObject({ output_type: "error", ename: "ZeroDivisionError" });
    expect(code(tagged, 1).outputs[0]).toMatchObject({ data: { "text/plain": "'after'" } });

    const untagged = notebookOf(["1/0", "'after'"]);
    const allowed = await executeNotebook(untagged, temp, ipykernel(python, { allowErrors: true }));
    expect(allowed.ok).toBe(true);
    expect(allowed.cells.map((c) => c.status)).toEqual(["expected-error", "ok"]);
  }, 60_000);

  itWithPython(["ipykernel"], "skips empty cells and cells tagged skip-execution", async (python) => {
    const notebook = notebookOf(["  \n", { source: "print('skip me')", tags: ["skip-execution"] }, "print('ran')"]);
    const run = await executeNotebook(notebook, temp, ipykernel(python));
    expect(run.cells.map((c) => c.status)).toEqual(["skipped", "skipped", "ok"]);
    expect(code(notebook, 0)).toMatchObject({ outputs: [], execution_count: null });
    expect(code(notebook, 1).outputs).toEqual([{ output_type: "stream", name: "stdout", text: "stale\n" }]);
    expect(code(notebook, 2)).toMatchObject({ outputs: [{ output_type: "stream", name: "stdout", text: "ran\n" }], execution_count: 1 });
  }, 60_000);

  itWithPython(["ipykernel"], "interrupts a cell that outlives the timeout and fails the run", async (python) => {
    const notebook = notebookOf(["import time\nprint('start', flush=True)\ntime.sleep(60)", "print('never')"]);
    const started = Date.now();
    const run = await executeNotebook(notebook, temp, ipykernel(python, { timeoutSeconds: 1 }));
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.ok).toBe(false);
    expect(run.cells.map((c) => c.status)).toEqual(["timeout", "not-run"]);
    expect(run.failure).toMatchObject({ reason: "timeout", cellIndex: 0, ename: "CellTimeoutError" });
    expect(run.failure?.evalue).toBe("the cell did not finish within 1 s (--timeout); it was interrupted");
    const outputs = code(notebook, 0).outputs;
    expect(outputs[0]).toEqual({ output_type: "stream", name: "stdout", text: "start\n" });
    expect(outputs.map((o) => (o.output_type === "error" ? o.ename : o.output_type))).toEqual(["stream", "KeyboardInterrupt", "CellTimeoutError"]);
  }, 60_000);

  itWithPython(["ipykernel"], "kills a kernel whose cell ignores the interrupt", async (python) => {
    const notebook = notebookOf(["import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(60)", "print('never')"]);
    const started = Date.now();
    const run = await executeNotebook(notebook, temp, ipykernel(python, { timeoutSeconds: 1, interruptGraceMs: 1000 }));
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.cells.map((c) => c.status)).toEqual(["timeout", "not-run"]);
    expect(run.failure?.evalue).toBe("the cell did not finish within 1 s (--timeout); it did not stop when interrupted, so the kernel was killed");
  }, 60_000);

  itWithPython(["ipykernel"], "reports a kernel that dies in a cell", async (python) => {
    const notebook = notebookOf(["print('bye', flush=True)\nimport os\nos._exit(3)", "print('never')"]);
    const run = await executeNotebook(notebook, temp, ipykernel(python));
    expect(run.cells.map((c) => c.status)).toEqual(["kernel-died", "not-run"]);
    expect(run.failure).toMatchObject({ reason: "kernel-died", cellIndex: 0, ename: "DeadKernelError", evalue: "the kernel exited with code 3 while running this cell" });
  }, 60_000);

  itWithPython(["ipykernel"], "runs a notebook file in its own folder and writes the outputs back in place", async (python) => {
    const file = path.join(temp, "where.ipynb");
    writeFileSync(file, JSON.stringify({ ...notebookOf(["import os\nprint(os.getcwd())"]), nbformat_minor: 4 }));
    const run = await runNotebook(file, ipykernel(python));
    expect(run.ok).toBe(true);
    expect(run.path).toBe(file);
    const written = parseNotebook(readFileSync(file, "utf8"));
    expect(written.nbformat_minor).toBe(5);
    expect(code(written, 0).outputs).toEqual([{ output_type: "stream", name: "stdout", text: `${temp}\n` }]);
  }, 60_000);
});

describe("executeNotebook without a kernel", () => {
  it("fails the run with the reason when the kernel cannot start, and marks every cell not run", async () => {
    const notebook = notebookOf(["1", "2"]);
    const run = await executeNotebook(notebook, temp, { kernelArgv: [path.join(temp, "no-such-kernel"), "{connection_file}"] });
    expect(run.ok).toBe(false);
    expect(run.failure).toMatchObject({ reason: "kernel-start", ename: "KernelStartError" });
    expect(run.failure?.evalue).toMatch(/no-such-kernel.*ENOENT|ENOENT.*no-such-kernel/s);
    expect(run.cells.map((c) => c.status)).toEqual(["not-run", "not-run"]);
    expect(code(notebook, 0)).toMatchObject({ outputs: [], execution_count: null });
  });
});
