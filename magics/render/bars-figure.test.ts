import { barsFigure } from "./bars-figure";
import { fixtureExperiment, fixtureSpread } from "../../test/support/result-fixtures";

const MIB = 1024 * 1024;

describe("barsFigure", () => {
  const results = [
    fixtureExperiment({ model: "sync", summary: { wallMs: fixtureSpread(400, 380, 450), cpuMs: fixtureSpread(390, 370, 400) } }),
    fixtureExperiment({ model: "threads", summary: { wallMs: fixtureSpread(120, 110, 160), peakRssAboveBaselineBytes: fixtureSpread(20 * MIB, 18 * MIB, 25 * MIB) } }),
  ];
  const figure = barsFigure(results);

  it("draws one bar trace per measure, each on its own subplot, one bar per model", () => {
    expect(figure.data.map((t) => [t.type, t.name, t.xaxis, t.yaxis])).toEqual([
      ["bar", "wall time", "x", "y"],
      ["bar", "CPU time", "x2", "y2"],
      ["bar", "peak RSS", "x3", "y3"],
    ]);
    for (const trace of figure.data) expect(trace.x).toEqual(["sync", "threads"]);
    expect(figure.layout.yaxis3).toMatchObject({ title: { text: "peak RSS above baseline (MiB)" }, type: "linear" });
  });

  it("puts each bar at the median with error bars reaching max and min", () => {
    const [wall, , memory] = figure.data;
    expect(wall.y).toEqual([400, 120]);
    expect(wall.error_y).toEqual({ type: "data", symmetric: false, array: [50, 40], arrayminus: [20, 10] });
    expect(memory.y).toEqual([4, 20]);
    expect(memory.error_y).toMatchObject({ array: [2, 5], arrayminus: [1, 2] });
    expect(wall.text).toEqual(["400 ms (380 ms–450 ms)", "120 ms (110 ms–160 ms)"]);
  });

  it("says what the bars are in the title", () => {
    expect((figure.layout.title as { text: string }).text).toContain("median of 5 runs, bars span min–max");
  });

  it("tells apart experiments of the same model by their magic lines, and numbers those whose lines match too", () => {
    const labels = barsFigure([fixtureExperiment({ model: "threads" }), fixtureExperiment({ model: "threads", runs: 3 }), fixtureExperiment({ model: "threads", spawn: true })]).data[0].x;
    expect(labels).toEqual(["1: %%threads --tasks 4 --repeat 5", "%%threads --tasks 4 --repeat 3", "threads (spawn)"]);
  });
});
