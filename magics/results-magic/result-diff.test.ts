import { fixtureComparison, fixtureExperiment, fixtureSpread, fixtureSweep } from "../../test/support/result-fixtures";
import type { ConclabResult } from "../result/experiment-result";
import { UsageError } from "../framework/usage-error";
import type { KeptResult } from "./kept-results";
import { resultDiff } from "./result-diff";

const kept = (name: string, result: ConclabResult): KeptResult => ({ name, result, isLast: false });
const sync = fixtureExperiment({ model: "sync" });
const fastAsync = fixtureExperiment({ model: "async", summary: { wallMs: fixtureSpread(25, 20, 30), cpuMs: fixtureSpread(0, 0, 0) } });

function rowOf(text: string, figure: string): string {
  return text.split("\n").find((line) => line.trimStart().startsWith(figure)) ?? "";
}

test("two experiments side by side with B/A, each figure in its unit", () => {
  const { "text/plain": text } = resultDiff(kept("a", sync), kept("b", fastAsync));
  expect(text).toContain("A: $results.a (sync)");
  expect(text).toContain("B: $results.b (async)");
  expect(rowOf(text, "median wall")).toMatch(/100 ms\s+25 ms\s+0\.25×/);
  expect(rowOf(text, "peak RSS")).toMatch(/4 MiB\s+4 MiB\s+1×/);
  expect(rowOf(text, "CPU")).toMatch(/90 ms\s+0 ns\s+0×/);
  expect(rowOf(text, "tasks ok/failed")).toMatch(/4 ok, 0 failed\s+4 ok, 0 failed/);
  expect(text).toContain("A: median of 5 runs, B: median of 5 runs");
  expect(text).toContain("A and B ran on the same machine: Fixture CPU");
  expect(text).not.toContain("MACHINES DIFFER");
});

test("a zero in A gives no ratio rather than infinity", () => {
  const idle = fixtureExperiment({ summary: { loopDelayP99Ms: fixtureSpread(0, 0, 0) } });
  const { "text/plain": text } = resultDiff(kept("a", idle), kept("b", sync));
  expect(rowOf(text, "main loop delay p99")).toContain("n/a (A is 0)");
});

test("options that differ are listed A → B; --name is not an option of the experiment", () => {
  const a = fixtureExperiment({ name: "a" });
  const b = { ...fixtureExperiment({ name: "b" }), options: { ...fixtureExperiment().options, concurrency: 10, repeat: 3 } };
  const { "text/plain": text } = resultDiff(kept("a", a), kept("b", b));
  expect(text).toContain("options that differ (A → B): repeat 5 → 3, concurrency (not set) → 10");
  expect(text).not.toMatch(/name a/);
});

test("results from different machines say plainly that the comparison mixes machines, and how the machines differ", () => {
  const other = { ...fastAsync, machine: { ...fastAsync.machine, cpuModel: "Other CPU", cores: 16 } };
  const { "text/plain": text, "text/html": html } = resultDiff(kept("a", sync), kept("b", other));
  expect(text).toContain("THE MACHINES DIFFER");
  expect(text).toContain("mixes machines");
  expect(text).toContain("CPU: A Fixture CPU, B Other CPU");
  expect(text).toContain("cores: A 4, B 16");
  expect(text).not.toContain("Node: A");
  expect(html).toContain("THE MACHINES DIFFER");
});

test("comparisons: one group of rows per shared model, the others named as not compared", () => {
  const a = fixtureComparison([sync, fixtureExperiment({ model: "threads" })]);
  const b = fixtureComparison([fixtureExperiment({ model: "threads" }), fixtureExperiment({ model: "processes" }), sync]);
  const { "text/plain": text } = resultDiff(kept("a", a), kept("b", b));
  expect(text.split("\n")[1]).toMatch(/^experiment\s+figure/);
  expect(text).toMatch(/\nsync\s+median wall/);
  expect(text).toMatch(/\nthreads\s+median wall/);
  expect(text).toContain("only in B, not compared: processes");
});

test("sweeps of one parameter pair by value", () => {
  const a = fixtureSweep("tasks", [1, 10], () => sync);
  const b = fixtureSweep("tasks", [10, 100], () => fastAsync);
  const { "text/plain": text } = resultDiff(kept("a", a), kept("b", b));
  expect(text).toContain("A: $results.a (tasks=10 sync)");
  expect(text).toContain("B: $results.b (tasks=10 async)");
  expect(rowOf(text, "median wall")).toMatch(/100 ms\s+25 ms\s+0\.25×/);
  expect(text).toContain("only in A, not compared: tasks=1 sync");
  expect(text).toContain("only in B, not compared: tasks=100 async");
});

test("results of shapes that share nothing are refused with what each is", () => {
  const sweep = fixtureSweep("workers", [1, 2], () => sync);
  expect(() => resultDiff(kept("a", sweep), kept("b", sync))).toThrow(UsageError);
  expect(() => resultDiff(kept("a", sweep), kept("b", sync))).toThrow(/\$results\.a \(sweep workers=1,2: sync\) pairs with anything in \$results\.b \(sync\)/);
});

test("a timed-out experiment is pointed out", () => {
  const timedOut: ConclabResult = { ...sync, state: "timed-out", timeout: { seconds: 2, run: 1, unfinished: 3, stopped: 3 } };
  const { "text/plain": text } = resultDiff(kept("a", sync), kept("b", timedOut));
  expect(text).toContain("B sync: run 2 passed --timeout 2 s");
});
