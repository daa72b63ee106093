import { fixtureSpread } from "../../test/support/result-fixtures";
import { needsLogAxis, sweepFigure, type SweepPoint } from "./sweep-figure";

const point = (model: string, value: number, median: number): SweepPoint => ({ model, value, wallMs: fixtureSpread(median, median - 1, median + 2, 3) });

describe("sweepFigure", () => {
  it("draws one line per model in order of first appearance, sorted by the swept value, with min–max error bars", () => {
    const figure = sweepFigure([point("threads", 4, 30), point("sync", 1, 10), point("threads", 1, 12), point("sync", 4, 40)], "tasks");
    expect(figure.data.map((t) => [t.type, t.mode, t.name])).toEqual([["scatter", "lines+markers", "threads"], ["scatter", "lines+markers", "sync"]]);
    expect(figure.data[0].x).toEqual([1, 4]);
    expect(figure.data[0].y).toEqual([12, 30]);
    expect(figure.data[0].error_y).toEqual({ type: "data", symmetric: false, array: [2, 2], arrayminus: [1, 1] });
    expect((figure.layout.title as { text: string }).text).toBe("Wall time against tasks: median of 3 runs, bars span min–max");
  });

  it("keeps linear axes when values and medians span at most a factor of 20", () => {
    const figure = sweepFigure([point("sync", 5, 10), point("sync", 100, 200)], "tasks");
    expect(figure.layout.xaxis).toMatchObject({ type: "linear", title: { text: "tasks" } });
    expect(figure.layout.yaxis).toMatchObject({ type: "linear" });
  });

  it("switches x and y to log axes independently when they span more than a factor of 20", () => {
    const wideX = sweepFigure([point("sync", 1, 10), point("sync", 1000, 100)], "tasks");
    expect(wideX.layout.xaxis).toMatchObject({ type: "log" });
    expect(wideX.layout.yaxis).toMatchObject({ type: "linear" });
    const wideBoth = sweepFigure([point("sync", 1, 10), point("sync", 1000, 5000)], "tasks");
    expect(wideBoth.layout.yaxis).toMatchObject({ type: "log" });
  });

  it("never asks for a log axis over zero or negative values", () => {
    expect(needsLogAxis([0, 1000])).toBe(false);
    expect(needsLogAxis([])).toBe(false);
    expect(needsLogAxis([1, 21])).toBe(true);
    expect(needsLogAxis([1, 20])).toBe(false);
  });
});
