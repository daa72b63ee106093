/**
 * Conformance with Python's Jupyter: jupyter_kernel_test's whole suite, and nbclient executing a
 * notebook, both against the kernelspec installed by install.js. Skipped without Python's Jupyter,
 * failing instead when CONCLAB_REQUIRE_JUPYTER=1 (CI).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { itWithPython, jupyterEnvironment } from "./support/jupyter-python";


describe("conformance", () => {
  itWithPython(
    ["jupyter_kernel_test"],
    "jupyter_kernel_test passes every test, none skipped",
    (python) => {
      const run = spawnSync(python, ["-m", "unittest", "-v", path.join(__dirname, "conformance", "kernel_conformance.py")], {
        cwd: path.join(__dirname, "conformance"),
        env: jupyterEnvironment(),
        encoding: "utf8",
        timeout: 240_000,
      });
      const report = run.stderr + run.stdout;
      expect({ status: run.status, report }).toMatchObject({ status: 0 });
      expect(report).toMatch(/Ran \d+ tests/);
      expect(report).not.toMatch(/skipped/);
    },
    300_000,
  );

  itWithPython(
    ["nbclient", "nbformat"],
    "nbclient executes a notebook with the installed kernel",
    (python) => {
      const dir = mkdtempSync(path.join(tmpdir(), "conclab-nbclient-"));
      const notebook = path.join(dir, "in.ipynb");
      const cell = (source: string) => ({ cell_type: "code", metadata: {}, source, outputs: [], execution_count: null });
      writeFileSync(
        notebook,
        JSON.stringify({
          nbformat: 4,
          nbformat_minor: 4,
          metadata: { kernelspec: { name: "conclab", display_name: "TypeScript (conclab)", language: "typescript" } },
          cells: [cell("const answer: number = 6 * 7;"), cell('console.log("answer", answer); answer')],
        }),
      );
      const script = [
        "import sys, nbformat, nbclient",
        "nb = nbformat.read(sys.argv[1], as_version=4)",
        "nbclient.NotebookClient(nb, kernel_name='conclab', timeout=120).execute()",
        "outputs = nb.cells[1].outputs",
        "print([o.get('text') or o.get('data', {}).get('text/plain') for o in outputs])",
      ].join("\n");
      const run = spawnSync(python, ["-c", script, notebook], { env: jupyterEnvironment(), encoding: "utf8", timeout: 180_000 });
      expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
      expect(run.stdout).toContain("answer 42");
      expect(run.stdout).toContain("'42'");
    },
    200_000,
  );
});
