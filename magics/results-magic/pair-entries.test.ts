import { fixtureComparison, fixtureExperiment, fixtureSweep } from "../../test/support/result-fixtures";
import { pairEntries } from "./pair-entries";
import { experimentEntries } from "./result-entries";

const sync = fixtureExperiment({ model: "sync" });
const async = fixtureExperiment({ model: "async" });
const threads = fixtureExperiment({ model: "threads" });

test("two single experiments pair whatever their models", () => {
  const { pairs, onlyA, onlyB } = pairEntries(experimentEntries(sync), experimentEntries(async));
  expect(pairs.map((p) => p.label)).toEqual(["sync vs async"]);
  expect([onlyA, onlyB]).toEqual([[], []]);
});

test("comparisons pair by model; the models of one side only are left over", () => {
  const { pairs, onlyA, onlyB } = pairEntries(experimentEntries(fixtureComparison([sync, async])), experimentEntries(fixtureComparison([async, threads, sync])));
  expect(pairs.map((p) => [p.a.model, p.b.model])).toEqual([["sync", "sync"], ["async", "async"]]);
  expect(onlyA).toEqual([]);
  expect(onlyB.map((e) => e.model)).toEqual(["threads"]);
});

test("sweeps pair by value of the same parameter", () => {
  const a = fixtureSweep("tasks", [1, 10, 100], () => sync);
  const b = fixtureSweep("tasks", [10, 100, 1000], () => async);
  const { pairs, onlyA, onlyB } = pairEntries(experimentEntries(a), experimentEntries(b));
  expect(pairs.map((p) => p.label)).toEqual(["tasks=10 sync vs async", "tasks=100 sync vs async"]);
  expect(onlyA.map((e) => e.point?.value)).toEqual([1]);
  expect(onlyB.map((e) => e.point?.value)).toEqual([1000]);
});

test("a sweep and a single experiment, or sweeps of different parameters, do not pair", () => {
  expect(pairEntries(experimentEntries(fixtureSweep("tasks", [1], () => sync)), experimentEntries(sync)).pairs).toEqual([]);
  expect(pairEntries(experimentEntries(fixtureSweep("tasks", [1], () => sync)), experimentEntries(fixtureSweep("workers", [1], () => sync))).pairs).toEqual([]);
});
