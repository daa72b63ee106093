import { fixtureExperiment, fixtureTasks } from "../../test/support/result-fixtures";
import { evenlySpacedIndexes, timelineFigure } from "./timeline-figure";

const ticktext = (figure: ReturnType<typeof timelineFigure>) => (figure.layout.yaxis as { ticktext: string[] }).ticktext;
const title = (figure: ReturnType<typeof timelineFigure>) => (figure.layout.title as { text: string }).text;

describe("timelineFigure", () => {
  it("draws a horizontal bar per task from its start, as long as it ran, on its lane", () => {
    const figure = timelineFigure(fixtureExperiment({ model: "threads", tasks: fixtureTasks(4, [0, 7]) }));
    expect(figure.data.map((t) => [t.type, t.orientation, t.name])).toEqual([["bar", "h", "ok"]]);
    const [ok] = figure.data;
    expect(ok.base).toEqual([0.1, 0.1, 2.223, 2.223]);
    expect(ok.x).toEqual([1.999, 1.999, 1.999, 1.999]);
    expect(ok.y).toEqual([0, 1, 0, 1]);
    expect(ok.customdata).toEqual([0, 1, 2, 3]);
    expect(ok.hovertemplate).toBe("task %{customdata}<br>from %{base:.3f} ms, for %{x:.3f} ms<extra></extra>");
    expect(figure.layout.barmode).toBe("overlay");
  });

  it("labels lanes by what they are under each model", () => {
    expect(ticktext(timelineFigure(fixtureExperiment({ model: "sync" })))).toEqual(["main thread"]);
    expect(ticktext(timelineFigure(fixtureExperiment({ model: "async" })))).toEqual(["main thread"]);
    expect(ticktext(timelineFigure(fixtureExperiment({ model: "threads", tasks: fixtureTasks(3, [12, 3, 0]) })))).toEqual(["main thread", "thread 3", "thread 12"]);
    expect(ticktext(timelineFigure(fixtureExperiment({ model: "processes", tasks: fixtureTasks(2, [4242, 4100]) })))).toEqual(["process 4100", "process 4242"]);
  });

  it("colours failed tasks apart, one trace per error name, named in the hover text", () => {
    const failures = [
      { index: 1, name: "RangeError", message: "too far", stack: "" },
      { index: 4, name: "RangeError", message: "too far again", stack: "" },
      { index: 2, name: "<b>%{x}</b>", message: "odd name", stack: "" },
    ];
    const figure = timelineFigure(fixtureExperiment({ tasks: fixtureTasks(6, [0], [1, 2, 3, 4]), failures }));
    const [ok, ...failed] = figure.data;
    expect(ok.customdata).toEqual([0, 5]);
    expect(failed.map((t) => [t.name, t.customdata])).toEqual([
      ["failed: RangeError", [1, 4]],
      ["failed: bx/b", [2]],
      ["failed: did not finish", [3]],
    ]);
    for (const trace of failed) expect((trace.marker as { color: string }).color).not.toBe((ok.marker as { color: string }).color);
    expect(failed[0].hovertemplate).toContain("task %{customdata} failed: RangeError<br>");
    expect(failed[1].hovertemplate).not.toContain("<b>");
    expect(figure.layout.showlegend).toBe(true);
    expect(timelineFigure(fixtureExperiment()).layout.showlegend).toBe(false);
  });

  it("thins more than 1000 tasks to 1000 evenly spaced ones and says so", () => {
    const figure = timelineFigure(fixtureExperiment({ model: "threads", tasks: fixtureTasks(10_000, [1, 2, 3, 4]) }));
    const indexes = figure.data[0].customdata as number[];
    expect(indexes).toHaveLength(1000);
    expect(indexes.slice(0, 3)).toEqual([0, 10, 20]);
    expect(indexes[999]).toBe(9990);
    expect(title(figure)).toBe("Task timeline of threads, run 5 of 5, showing 1000 of 10000 tasks");
    expect(title(timelineFigure(fixtureExperiment({ tasks: fixtureTasks(1000, [0]) })))).toBe("Task timeline of sync, run 5 of 5");
  });

  it("keeps the figure JSON under 100 KB for 1000 tasks, even when they all failed", () => {
    const tasks = fixtureTasks(1000, [101, 102, 103, 104, 105, 106, 107, 108], Array.from({ length: 1000 }, (_, i) => i));
    const failures = tasks.start.map((_, index) => ({ index, name: "TimeoutError", message: "the task did not finish within --timeout 10 s, so it was abandoned", stack: "" }));
    const size = JSON.stringify(timelineFigure(fixtureExperiment({ model: "processes", tasks, failures }))).length;
    expect(size).toBeLessThan(100_000);
  });

  it("rounds times of a long run to what a chart can show", () => {
    const tasks = fixtureTasks(2, [0]);
    tasks.start = [0.123456, 25_000.123456];
    tasks.end = [1000.987654, 30_000.987654];
    const [ok] = timelineFigure(fixtureExperiment({ tasks })).data;
    expect(ok.base).toEqual([0, 25_000]);
    expect(ok.x).toEqual([1001, 5001]);
    expect(ok.hovertemplate).toContain("%{base:.0f} ms");
  });

  it("draws the run asked for, and refuses one that does not exist", () => {
    expect(title(timelineFigure(fixtureExperiment(), 0))).toBe("Task timeline of sync, run 1 of 5");
    expect(() => timelineFigure(fixtureExperiment(), 5)).toThrow(RangeError);
    const timedOut = { ...fixtureExperiment({ runs: 2 }), state: "timed-out" as const, timeout: { seconds: 1, run: 1, unfinished: 2, stopped: 2 } };
    expect(title(timelineFigure(timedOut))).toBe("Task timeline of sync, run 2 of 2, timed out");
  });
});

describe("evenlySpacedIndexes", () => {
  it("keeps everything up to the limit and spreads the kept ones over the whole range past it", () => {
    expect(evenlySpacedIndexes(3, 5)).toEqual([0, 1, 2]);
    expect(evenlySpacedIndexes(10, 4)).toEqual([0, 2, 5, 7]);
  });
});
