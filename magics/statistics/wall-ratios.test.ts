import type { ExperimentResult } from "../result/experiment-result";
import { wallRatios } from "./wall-ratios";

const experiment = (walls: number[]) => ({ runs: walls.map((wallMs) => ({ wallMs })) }) as unknown as ExperimentResult;

describe("wallRatios", () => {
  it("divides each model's median wall time by the first model's; no noise test under 5 runs", () => {
    const ratios = wallRatios(["sync", "async", "threads"], [experiment([400, 410, 390]), experiment([100, 90, 120]), experiment([200, 800, 210])]);
    expect(ratios).toEqual([
      { model: "sync", ratio: 1 },
      { model: "async", ratio: 0.25 },
      { model: "threads", ratio: 210 / 400 },
    ]);
  });

  it("with 5 runs each, gives every model but the baseline an interval and says whether it excludes 1", () => {
    const [base, far, near] = wallRatios(["sync", "async", "threads"], [experiment([400, 410, 390, 405, 395]), experiment([100, 90, 120, 95, 105]), experiment([380, 420, 400, 390, 415])]);
    expect(base.noise).toBeUndefined();
    expect(far.noise).toMatchObject({ method: expect.stringContaining("bootstrap 95%"), beyondNoise: true });
    expect(far.noise!.interval[1]).toBeLessThan(1);
    expect(near.noise).toMatchObject({ beyondNoise: false });
    expect(near.noise!.interval[0]).toBeLessThan(1);
    expect(near.noise!.interval[1]).toBeGreaterThan(1);
  });

  it("leaves a model with fewer than 5 runs (a timed-out one) untested", () => {
    const ratios = wallRatios(["sync", "threads"], [experiment([400, 410, 390, 405, 395]), experiment([100, 90])]);
    expect(ratios[1].noise).toBeUndefined();
  });
});
