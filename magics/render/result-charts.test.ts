import { UsageError } from "../framework/usage-error";
import { fixtureComparison, fixtureExperiment, fixtureMemory, fixtureSpread, fixtureSweep, fixtureTasks } from "../../test/support/result-fixtures";
import { PLOT_NAMES, defaultPlots, fittingPlots, resultCharts } from "./result-charts";

const title = (chart: { figure: { layout: Record<string, unknown> } }) => (chart.figure.layout.title as { text: string }).text;

describe("resultCharts", () => {
  const memory = fixtureMemory(4);
  const comparison = fixtureComparison([
    fixtureExperiment({ model: "sync", memory }),
    fixtureExperiment({ model: "async", memory }),
    fixtureExperiment({ model: "threads", tasks: fixtureTasks(4, [1, 2]), memory }),
  ]);

  it("shows one experiment's timeline and memory, and the loop delay when the body runs on the main thread", () => {
    expect(defaultPlots(fixtureExperiment({ model: "async", memory }))).toEqual(["timeline", "memory", "loop-delay"]);
    expect(defaultPlots(fixtureExperiment({ model: "threads", memory }))).toEqual(["timeline", "memory"]);
    expect(defaultPlots(fixtureExperiment({ model: "threads" }))).toEqual(["timeline"]);
    const charts = resultCharts(fixtureExperiment({ model: "sync", memory }));
    expect(charts.map((c) => c.plot)).toEqual(["timeline", "memory", "loop-delay"]);
  });

  it("shows a comparison as bars, a timeline per model, memory and loop delay, each with its table", () => {
    const charts = resultCharts(comparison);
    expect(charts.map((c) => c.plot)).toEqual(["bars", "timeline", "timeline", "timeline", "memory", "loop-delay"]);
    expect(charts.filter((c) => c.plot === "timeline").map(title)).toEqual([
      "Task timeline of sync, run 5 of 5",
      "Task timeline of async, run 5 of 5",
      "Task timeline of threads, run 5 of 5",
    ]);
    expect(charts[0].text).toContain("peak RSS above baseline");
    expect(charts[3].text).toContain("4 tasks on 2 lanes");
    expect(charts[3].text).toMatch(/thread 1\s+2 tasks\s+0 failed/);
    expect(charts[4].text).toMatch(/sync\s+peak 3 MiB at 15 ms/);
    expect(charts[5].text).toMatch(/async\s+3 ms \(2 ms–5 ms\)\s+9 ms/);
    expect(charts[4].figure.data).toHaveLength(3);
  });

  it("shows a sweep of comparisons as one line per model, with a value-by-model table", () => {
    const sweep = fixtureSweep("tasks", [1, 10], (n) =>
      fixtureComparison([fixtureExperiment({ model: "sync", summary: { wallMs: fixtureSpread(n * 10, n * 9, n * 11) } }), fixtureExperiment({ model: "threads", spawn: true })]),
    );
    const charts = resultCharts(sweep);
    expect(charts.map((c) => c.plot)).toEqual(["sweep"]);
    expect(charts[0].figure.data.map((t) => t.name)).toEqual(["sync", "threads"]);
    expect(charts[0].figure.data[0].y).toEqual([10, 100]);
    expect(charts[0].text.split("\n")).toEqual(["Wall time against tasks (median of the runs, min–max)", "tasks  sync                   threads", "1      10 ms (9 ms–11 ms)     100 ms (90 ms–130 ms)", "10     100 ms (90 ms–110 ms)  100 ms (90 ms–130 ms)"]);
    const single = fixtureSweep("workers", [1, 2], () => fixtureExperiment({ model: "threads", spawn: true }));
    expect(resultCharts(single)[0].figure.data.map((t) => t.name)).toEqual(["spawn"]);
  });

  it("draws what --plot names, in its order", () => {
    expect(resultCharts(comparison, ["loop-delay", "bars", "bars"]).map((c) => c.plot)).toEqual(["loop-delay", "bars"]);
    expect(resultCharts(fixtureExperiment({ model: "threads" }), ["bars"]).map((c) => c.plot)).toEqual(["bars"]);
    expect(resultCharts(comparison, [])).toEqual([]);
  });

  it("refuses a plot that does not fit the result, naming what fits", () => {
    const single = fixtureExperiment({ model: "sync" });
    expect(() => resultCharts(single, ["sweep"])).toThrow(new UsageError("--plot sweep does not fit an experiment (%%sync); what fits it: bars, timeline, loop-delay"));
    expect(() => resultCharts(single, ["memory"])).toThrow("(the result kept no RSS samples)");
    expect(() => resultCharts(fixtureSweep("tasks", [1], () => single), ["bars"])).toThrow("--plot bars does not fit a sweep; what fits it: sweep");
    expect(() => resultCharts(single, ["timelines"])).toThrow('--plot takes a comma-separated list of bars, timeline, memory, loop-delay, sweep; got "timelines" (did you mean timeline?)');
  });

  it("names every plot some result fits", () => {
    const all = new Set([...fittingPlots(comparison), ...fittingPlots(fixtureSweep("tasks", [1], () => fixtureExperiment()))]);
    expect([...all].sort()).toEqual([...PLOT_NAMES].sort());
  });
});
