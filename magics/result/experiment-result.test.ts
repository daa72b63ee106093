import type { ExperimentValue } from "../experiment/open-experiment";
import { closeSharedEngine, fakeMagicContext } from "../../test/support/fake-magic-context";
import { runExperimentCell } from "../../test/support/run-magic";
import type { ExperimentResult } from "./experiment-result";
import { experimentTable } from "../render/result-table";

afterAll(closeSharedEngine);

const display = (value: object) => (value as { [k: symbol]: () => Record<string, string> })[Symbol.for("Jupyter.display")]();

describe("ExperimentResult", () => {
  let result: ExperimentValue;
  const ctx = fakeMagicContext();

  beforeAll(async () => {
    ({ result } = await runExperimentCell(ctx, "%%sync --tasks 3 --repeat 2 --name first", `if (task.index === 1) throw new Error("<b>boom</b>");\nreturn task.index * 10;`));
  });

  it("is plain data that survives a JSON round trip", () => {
    const copy = JSON.parse(JSON.stringify(result)) as ExperimentResult;
    expect(copy).toEqual({ ...result });
    expect(Object.keys(result)).not.toContain("values");
    expect(copy).toMatchObject({ kind: "conclab.experiment", state: "completed", model: "sync", magicLine: "%%sync --tasks 3 --repeat 2 --name first" });
    expect(copy.options).toEqual({ tasks: 3, repeat: 2, warmup: 0, input: [], name: "first", serverLatencyMs: 10, serverBytes: 1024 });
    expect(copy.machine).toEqual(expect.objectContaining({ cores: expect.any(Number), node: process.versions.node, v8: process.versions.v8 }));
  });

  it("keeps every measured run with per-task spans, and their median and range", () => {
    expect(result.runs).toHaveLength(2);
    const run = result.runs[0];
    expect(run.tasks.ok).toEqual([true, false, true]);
    expect(run.tasks.lane).toEqual([0, 0, 0]);
    for (let i = 0; i < 3; i++) expect(run.tasks.end[i]).toBeGreaterThanOrEqual(run.tasks.start[i]);
    expect(run.tasks.start[1]).toBeGreaterThanOrEqual(run.tasks.end[0]);
    expect(run).toMatchObject({ ok: 2, failed: 1, loopDelayMs: expect.objectContaining({ p99: expect.any(Number) }), threads: expect.objectContaining({ before: expect.any(Number) }) });
    expect(result.summary.wallMs).toEqual(expect.objectContaining({ of: 2, min: Math.min(...result.runs.map((r) => r.wallMs)), max: Math.max(...result.runs.map((r) => r.wallMs)) }));
    expect(result.summary).toMatchObject({ tasksOk: 2, tasksFailed: 1 });
  });

  it("records a thrown error with its task index and a stack in cell lines, and the others' values", () => {
    expect(result.runs[1].failures).toEqual([expect.objectContaining({ index: 1, name: "Error", message: "<b>boom</b>" })]);
    expect(result.runs[1].failures[0].stack).toMatch(/^Error: <b>boom<\/b>\n\s+at task body \(cell line 2:\d+\)/);
    expect(result.values).toEqual([0, undefined, 20]);
  });

  it("is kept as $last and, with --name, in $results", () => {
    expect(ctx.notebookScope.$last).toBe(result);
    expect((ctx.notebookScope.$results as Record<string, unknown>).first).toBe(result);
  });

  it("shows a text and an HTML table from a non-enumerable display method", () => {
    expect(Object.getOwnPropertyDescriptor(result, Symbol.for("Jupyter.display"))?.enumerable).toBe(false);
    const bundle = display(result);
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
    const text = bundle["text/plain"];
    expect(text).toMatch(/^%%sync --tasks 3 --repeat 2 --name first: median of 2 runs \(min–max\)\nmodel +wall +CPU of the body +peak RSS above baseline +main loop delay p99 +tasks of 3\nsync +\S+ \S+ \(/);
    expect(text).toContain("2 ok, 1 failed");
    expect(text).toMatch(/task 1: Error: <b>boom<\/b>\n\s+at task body \(cell line 2:/);
    expect(text).toMatch(/machine: .*, \d+ cores, .*Node /);
    const html = bundle["text/html"];
    expect(html).toMatch(/^<div class="conclab-result"><table><caption>/);
    expect(html).toContain("&lt;b&gt;boom&lt;/b&gt;");
    expect(html).not.toContain("<b>boom");
  });

  it("shows a timed-out run and a --spawn start-up line", () => {
    const copy = JSON.parse(JSON.stringify(result)) as ExperimentResult;
    const timedOut: ExperimentResult = { ...copy, state: "timed-out", timeout: { seconds: 1, run: 0, unfinished: 2, stopped: 2 }, startup: { what: "a new worker thread per task", lanes: 2, wallMs: 3, perTaskMs: { median: 3, min: 2, max: 5, of: 4 } } };
    const text = experimentTable([timedOut])["text/plain"];
    expect(text).toContain("TIMED OUT: run 1 passed --timeout 1 s with 2 tasks unfinished");
    expect(text).toContain("each task's worker took 3 ms (2 ms–5 ms) to start (median and range over 4 tasks)");
  });
});
