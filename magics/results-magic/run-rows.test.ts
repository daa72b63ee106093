import { fixtureComparison, fixtureExperiment, fixtureSweep } from "../../test/support/result-fixtures";
import { runRows } from "./run-rows";

function column(rows: unknown[][], name: string): unknown[] {
  const at = rows[0].indexOf(name);
  expect(at).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((row) => row[at]);
}

test("an experiment: a header and one row per measured run, numbered from 1, with its measures", () => {
  const rows = runRows(fixtureExperiment({ model: "async", runs: 3 }));
  expect(rows).toHaveLength(4);
  expect(column(rows, "run")).toEqual([1, 2, 3]);
  expect(column(rows, "model")).toEqual(["async", "async", "async"]);
  expect(column(rows, "wall_ms")).toEqual([100, 100, 100]);
  expect(column(rows, "loop_delay_p99_ms")).toEqual([3, 3, 3]);
  expect(column(rows, "tasks_ok")).toEqual([4, 4, 4]);
  expect(column(rows, "parameter")).toEqual([undefined, undefined, undefined]);
  expect(column(rows, "options")[0]).toBe("repeat=3 warmup=0 serverLatencyMs=10 serverBytes=1024");
});

test("a comparison: the runs of every model, %%compare's model names (spawn)", () => {
  const comparison = fixtureComparison([fixtureExperiment({ model: "sync", runs: 2 }), fixtureExperiment({ model: "threads", spawn: true, runs: 2 })]);
  const rows = runRows({ ...comparison, models: ["sync", "spawn"] });
  expect(column(rows, "model")).toEqual(["sync", "sync", "spawn", "spawn"]);
  expect(column(rows, "options")[2]).toContain("spawn=true");
});

test("a sweep: the swept parameter and value on each row", () => {
  const sweep = fixtureSweep("workers", [1, 2], () => fixtureExperiment({ model: "threads", runs: 2 }));
  const rows = runRows(sweep);
  expect(column(rows, "parameter")).toEqual(["workers", "workers", "workers", "workers"]);
  expect(column(rows, "value")).toEqual([1, 1, 2, 2]);
});

test("failed tasks of a run are counted on its row", () => {
  const rows = runRows(fixtureExperiment({ runs: 1, failures: [{ index: 1, name: "Error", message: "no", stack: "Error: no" }], tasks: { start: [0, 0], end: [1, 1], lane: [0, 0], ok: [true, false] } }));
  expect(column(rows, "tasks_ok")).toEqual([1]);
  expect(column(rows, "tasks_failed")).toEqual([1]);
});
