import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PythonRunner, PythonSetup } from "./python-runner";

const SETUP: PythonSetup = { model: "threads", body: "return 1", firstLine: 2, count: 1, workers: 1, input: null };

describe("PythonRunner", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "conclab-python-runner-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** An interpreter that answers its setup as the harness does, then exits with `code` when asked to arm. */
  function interpreterExitingWhenArmed(code: number): string {
    const file = path.join(dir, "python");
    const ready = JSON.stringify({ kind: "ready", pid: 0, runtime: { implementation: "cpython", version: "3.0.0", build: "GIL", gilEnabled: true, executable: file }, startup: null });
    writeFileSync(file, `#!/bin/sh\nread setup\necho '${ready}' >&3\nread arm\necho "armed? no" >&2\nexit ${code}\n`);
    chmodSync(file, 0o755);
    return file;
  }

  it("fails a run whose harness exits while it is made ready, naming the exit, instead of waiting for tasks that never start", async () => {
    const python = interpreterExitingWhenArmed(3);
    const stderr: string[] = [];
    const runner = new PythonRunner({ python, setup: SETUP, stdout: () => undefined, stderr: (text) => stderr.push(text) });
    await runner.start(new AbortController().signal);
    await expect(runner.ready(new AbortController().signal)).rejects.toThrow(`${python} exited (code 3) while it was made ready for a run, before any task of the run started; its stderr is above`);
    expect(stderr.join("")).toContain("armed? no");
    await runner.close();
  });
});
