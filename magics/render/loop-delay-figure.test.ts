import { fixtureExperiment, fixtureSpread } from "../../test/support/result-fixtures";
import { loopDelayFigure } from "./loop-delay-figure";

describe("loopDelayFigure", () => {
  const figure = loopDelayFigure([
    fixtureExperiment({ model: "sync", name: "blocking", summary: { loopDelayP99Ms: fixtureSpread(250, 200, 300, 3), loopDelayMaxMs: fixtureSpread(400, 390, 420, 3) } }),
    fixtureExperiment({ model: "async", runs: 3 }),
  ]);

  it("draws p99 and max as grouped bars per model with min–max error bars", () => {
    expect(figure.data.map((t) => [t.type, t.name])).toEqual([["bar", "p99"], ["bar", "max"]]);
    expect(figure.layout.barmode).toBe("group");
    const [p99, max] = figure.data;
    expect(p99.x).toEqual(["blocking", "async"]);
    expect(p99.y).toEqual([250, 3]);
    expect(p99.error_y).toMatchObject({ array: [50, 2], arrayminus: [50, 1] });
    expect(max.y).toEqual([400, 9]);
    expect(max.error_y).toMatchObject({ array: [20, 3], arrayminus: [10, 3] });
    expect((figure.layout.title as { text: string }).text).toBe("Main thread event-loop delay: median of 3 runs, bars span min–max");
  });

  it("says there was one run and no spread when there was one run", () => {
    const single = loopDelayFigure([fixtureExperiment({ runs: 1 })]);
    expect((single.layout.title as { text: string }).text).toBe("Main thread event-loop delay: 1 run");
    expect(single.data[0].text).toEqual(["3 ms"]);
  });
});
