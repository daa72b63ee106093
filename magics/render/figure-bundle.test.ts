import { barsFigure } from "./bars-figure";
import { figureBundle } from "./figure-bundle";
import { fixtureExperiment } from "./fixtures";

describe("figureBundle", () => {
  it("carries the figure as Plotly JSON and the table as text/plain", () => {
    const figure = barsFigure([fixtureExperiment()]);
    const bundle = figureBundle(figure, "model  wall\nsync   100 ms");
    expect(bundle).toEqual({ "application/vnd.plotly.v1+json": figure, "text/plain": "model  wall\nsync   100 ms" });
    expect(JSON.parse(JSON.stringify(bundle))).toEqual(bundle);
  });
});
