/**
 * Tests that need Python's Jupyter (nbformat, jupyter_client, ipykernel) run where it is installed
 * and are skipped elsewhere, unless CONCLAB_REQUIRE_JUPYTER=1 makes its absence a failure (CI).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const CANDIDATES = [process.env.CONCLAB_PYTHON, "/usr/bin/python3", "python3"].filter((p): p is string => Boolean(p));

function hasModules(python: string, modules: string[]): boolean {
  const probe = spawnSync(python, ["-c", `import ${modules.join(", ")}`], { encoding: "utf8", timeout: 60_000 });
  return probe.status === 0;
}

/** A Python that can import `modules`, or undefined. */
export function findPython(modules: string[]): string | undefined {
  return CANDIDATES.find((python) => hasModules(python, modules));
}

/**
 * `it` for a test that needs a Python with `modules`: the test gets that Python's path. Without
 * one it is skipped, or fails when CONCLAB_REQUIRE_JUPYTER=1.
 */
export function itWithPython(modules: string[], name: string, test: (python: string) => Promise<void> | void, timeoutMs?: number): void {
  const python = findPython(modules);
  if (python) {
    it(name, async () => test(python), timeoutMs);
  } else if (process.env.CONCLAB_REQUIRE_JUPYTER === "1") {
    it(name, () => {
      throw new Error(`CONCLAB_REQUIRE_JUPYTER=1 but no Python among ${CANDIDATES.join(", ")} imports ${modules.join(", ")}; install them (Debian: python3-nbformat python3-jupyter-client python3-ipykernel) or set CONCLAB_PYTHON`);
    });
  } else {
    it.skip(`${name} (needs Python with ${modules.join(", ")})`, () => undefined);
  }
}

/** Kernelspecs Jupyter finds with this environment, by name -> resource_dir. */
export function listKernelspecs(python: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const options = { encoding: "utf8" as const, env: { ...env, PYDEVD_DISABLE_FILE_VALIDATION: "1" }, timeout: 60_000 };
  let listed = spawnSync("jupyter", ["kernelspec", "list", "--json"], options);
  // Debian's jupyter-client ships no `jupyter-kernelspec` script; the module it would run is there.
  if (listed.status !== 0) listed = spawnSync(python, ["-m", "jupyter_client.kernelspecapp", "list", "--json"], options);
  if (listed.status !== 0) throw new Error(`jupyter kernelspec list failed (${listed.status}): ${listed.stderr}`);
  const specs = JSON.parse(listed.stdout).kernelspecs as Record<string, { resource_dir: string }>;
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.resource_dir]));
}

/** Validates a notebook file against the nbformat schema of its version; throws with nbformat's message. */
export function validateNotebookFile(python: string, file: string): void {
  // nbformat only warns about (and quietly repairs) missing cell ids; make that a failure too.
  const script = [
    "import json, sys, warnings, nbformat",
    "from nbformat.warnings import MissingIDFieldWarning",
    "warnings.simplefilter('error', MissingIDFieldWarning)",
    "nb = json.load(open(sys.argv[1], encoding='utf-8'))",
    "nbformat.validate(nb, version=nb['nbformat'], version_minor=nb['nbformat_minor'])",
  ].join("\n");
  const result = spawnSync(python, ["-c", script, file], { encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) throw new Error(`nbformat.validate rejected ${file}:\n${result.stderr}`);
}

/** An environment whose Jupyter finds the conclab kernelspec (installed by install.js), with data dirs and a history of its own. */
export function jupyterEnvironment(): NodeJS.ProcessEnv {
  const home = mkdtempSync(path.join(tmpdir(), "conclab-jupyter-"));
  const env = { ...process.env, JUPYTER_DATA_DIR: path.join(home, "jupyter"), XDG_DATA_HOME: path.join(home, "data"), PYDEVD_DISABLE_FILE_VALIDATION: "1" };
  const install = spawnSync(process.execPath, [path.join(__dirname, "..", "..", "install.js"), "--user"], { env, encoding: "utf8" });
  if (install.status !== 0) throw new Error(`install.js failed: ${install.stderr}`);
  return env;
}
