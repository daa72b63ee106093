import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";
import { runExperimentCell } from "../../test/support/run-magic";
import { lanesOverlap, mostAtOnce } from "../../test/support/task-spans";

afterAll(closeSharedEngine);

describe("%%threads (persistent pool)", () => {
  it("runs CPU-bound tasks on two workers whose lanes overlap in time, start-up apart", async () => {
    const { result } = await runExperimentCell(fakeMagicContext(), "%%threads --workers 2 --tasks 4 --repeat 1", "task.spin(150);\nreturn task.threadId;");
    const { tasks } = result.runs[0];
    expect(new Set(tasks.lane).size).toBe(2);
    expect(tasks.lane.every((lane) => lane > 0)).toBe(true);
    expect(lanesOverlap(tasks)).toBe(true);
    expect(result.values).toEqual(tasks.lane);
    expect(result.startup).toMatchObject({ lanes: 2, what: expect.stringContaining("2 worker threads"), wallMs: expect.any(Number) });
    expect(result.runs[0].lanes.map((l) => l.lane).sort()).toEqual([...new Set(tasks.lane)].sort());
  });

  it("runs a chunk's tasks one after another on one worker", async () => {
    const { result } = await runExperimentCell(fakeMagicContext(), "%%threads --workers 2 --tasks 10 --schedule chunk=5 --repeat 1", "await task.sleep(2);\nreturn task.index;");
    const { tasks } = result.runs[0];
    for (const from of [0, 5]) {
      for (let i = from + 1; i < from + 5; i++) {
        expect(tasks.lane[i]).toBe(tasks.lane[from]);
        expect(tasks.start[i]).toBeGreaterThanOrEqual(tasks.end[i - 1]);
      }
    }
    expect(result.values).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("copies an --input array into every worker and shares a SharedArrayBuffer", async () => {
    const ctx = fakeMagicContext();
    await ctx.cell("const items = [10, 20, 30];\nconst counts = new Int32Array(new SharedArrayBuffer(8));");
    const { result } = await runExperimentCell(ctx, "%%threads --workers 2 --tasks 6 --repeat 1 --input items counts", "await task.sleep(20);\nAtomics.add(task.input.counts, 0, 1);\nreturn [task.threadId, task.input.items.reduce((a, b) => a + b, 0)];");
    const values = result.values as [number, number][];
    expect(values.map((v) => v[1])).toEqual([60, 60, 60, 60, 60, 60]);
    expect(new Set(values.map((v) => v[0])).size).toBe(2);
    expect((ctx.notebookScope.counts as Int32Array)[0]).toBe(6);
  });

  it("reports a throwing task with its index and a cell-line stack while the others return values", async () => {
    const { result } = await runExperimentCell(fakeMagicContext(), "%%threads --workers 2 --tasks 5 --repeat 1", "\nif (task.index === 3) throw new Error('task three');\nreturn task.index;");
    expect(result.runs[0].failures).toEqual([expect.objectContaining({ index: 3, message: "task three", stack: expect.stringMatching(/^Error: task three\n\s+at task body \(cell line 3:\d+\)/) })]);
    expect(result.values).toEqual([0, 1, 2, undefined, 4]);
  });

  it("limits each worker's heap with --max-memory: a task that passes it fails alone", async () => {
    const { result } = await runExperimentCell(fakeMagicContext(), "%%threads --workers 1 --tasks 2 --repeat 1 --max-memory 32", "if (task.index === 0) { const kept = []; while (true) kept.push(new Array(100_000).fill(1)); }\nreturn 'ok';");
    expect(result.runs[0].failures).toEqual([expect.objectContaining({ index: 0, name: "LaneExitError", message: expect.stringMatching(/memory limit/) })]);
    expect(result.values).toEqual([undefined, "ok"]);
    expect(result.options.maxMemoryMb).toBe(32);
  });
});

describe("%%threads --spawn", () => {
  it("starts a new worker per task, at most W at once, start-up inside the task times", async () => {
    const { result } = await runExperimentCell(fakeMagicContext(), "%%threads --spawn --workers 2 --tasks 5 --repeat 1", "await task.sleep(30);\nreturn task.threadId;");
    const { tasks } = result.runs[0];
    expect(new Set(tasks.lane).size).toBe(5);
    expect(mostAtOnce(tasks)).toBeLessThanOrEqual(2);
    expect(result.startup?.perTaskMs).toMatchObject({ of: 5 });
    for (let i = 0; i < 5; i++) expect(tasks.end[i] - tasks.start[i]).toBeGreaterThanOrEqual(30);
  });
});

describe.each(["%%threads --workers 2", "%%threads --spawn --workers 2", "%%processes --workers 2"])("%s with imports at the top of the body", (line) => {
  it("loads them in each worker or process and the body uses them", async () => {
    const { result } = await runExperimentCell(fakeMagicContext(), `${line} --tasks 3 --repeat 1`, `import * as path from "node:path";\nimport { availableParallelism } from "node:os";\nreturn path.join("task", String(task.index)) + ":" + (availableParallelism() > 0);`);
    expect(result.values).toEqual(["task/0:true", "task/1:true", "task/2:true"]);
  });

  it("fails every task with the error of an import that throws while loading", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "conclab-import-"));
    writeFileSync(path.join(dir, "thrower.js"), `throw new Error("thrower cannot load");`);
    writeFileSync(path.join(dir, "thrower.d.ts"), "export declare const value: number;");
    try {
      const { result } = await runExperimentCell(fakeMagicContext(), `${line} --tasks 2 --repeat 1`, `import { value } from ${JSON.stringify(`${dir}/thrower`)};\nreturn value;`);
      expect(result.runs[0].failures).toEqual([0, 1].map((index) => expect.objectContaining({ index, message: "thrower cannot load" })));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("%%processes", () => {
  it("runs tasks over W child processes, with --input copied in and errors reported by index", async () => {
    const ctx = fakeMagicContext();
    await ctx.cell("const items = [1, 2, 3];");
    const { result } = await runExperimentCell(ctx, "%%processes --workers 2 --tasks 6 --repeat 1 --input items", "task.spin(50);\nif (task.index === 4) throw new Error('four');\nreturn [task.pid, task.input.length];");
    const { tasks, failures, lanes } = result.runs[0];
    expect(new Set(tasks.lane.filter((_, i) => i !== 4)).size).toBe(2);
    expect(tasks.lane).not.toContain(process.pid);
    expect(lanesOverlap(tasks)).toBe(true);
    expect(failures).toEqual([expect.objectContaining({ index: 4, message: "four", stack: expect.stringMatching(/at task body \(cell line 3:\d+\)/) })]);
    expect((result.values as [number, number][]).filter(Boolean).map((v) => v[1])).toEqual([3, 3, 3, 3, 3]);
    expect(result.runs[0].childCpuUserMs).toBeGreaterThan(0);
    expect(lanes).toHaveLength(2);
    expect(result.startup?.what).toMatch(/2 child processes/);
  });

  it("explains that a SharedArrayBuffer cannot be shared with a child process", async () => {
    const ctx = fakeMagicContext();
    await ctx.cell("const shared = new SharedArrayBuffer(8);");
    await expect(runExperimentCell(ctx, "%%processes --workers 1 --tasks 1 --input shared", "return 1;")).rejects.toThrow(/--input cannot be sent to a child process: .*SharedArrayBuffers cannot be shared with them/);
  });
});
