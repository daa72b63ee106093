import { type NameEvent, RUN_GAP_MS, type SpanEvent, traceOf } from "./trace-events";
import { fixtureComparison, fixtureExperiment, fixtureTasks } from "../../test/support/result-fixtures";

test("one process per experiment, one named track per lane, one complete event per task of every run, runs one after another", () => {
  const threads = fixtureExperiment({ model: "threads", runs: 2, tasks: fixtureTasks(4, [1, 2], [3]) });
  const { traceEvents, displayTimeUnit } = traceOf(fixtureComparison([fixtureExperiment({ model: "sync", runs: 2 }), threads]));
  expect(displayTimeUnit).toBe("ms");
  const names = traceEvents.filter((e): e is NameEvent => e.ph === "M").map((e) => [e.name, e.pid, e.tid, e.args.name]);
  expect(names).toEqual([
    ["process_name", 1, 0, expect.stringMatching(/^sync: %%/)],
    ["thread_name", 1, 0, "main thread"],
    ["process_name", 2, 0, expect.stringMatching(/^threads: %%/)],
    ["thread_name", 2, 1, "thread 1"],
    ["thread_name", 2, 2, "thread 2"],
  ]);
  const spans = traceEvents.filter((e): e is SpanEvent => e.ph === "X" && e.pid === 2);
  expect(spans).toHaveLength(8);
  const [run1, run2] = threads.runs;
  // µs; the second run starts where the first ended, plus the gap.
  expect(spans[0]).toEqual({ ph: "X", name: "task 0", cat: "task", pid: 2, tid: 1, ts: run1.tasks.start[0] * 1000, dur: (run1.tasks.end[0] - run1.tasks.start[0]) * 1000, args: { run: 1, task: 0, ok: true } });
  expect(spans[3]).toMatchObject({ name: "task 3", cat: "failed task", tid: 2, args: { run: 1, task: 3, ok: false } });
  expect(spans[4].ts).toBeCloseTo((run1.wallMs + RUN_GAP_MS + run2.tasks.start[0]) * 1000, 6);
  expect(spans[4].args.run).toBe(2);
});
