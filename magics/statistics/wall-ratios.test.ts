import type { ExperimentResult } from "../result/experiment-result";
import { pairedWalls, wallRatios } from "./wall-ratios";

const experiment = (walls: number[]) => ({ state: "completed", runs: walls.map((wallMs) => ({ wallMs })) }) as unknown as ExperimentResult;
const timedOut = (walls: number[]) => ({ ...experiment(walls), state: "timed-out", timeout: { seconds: 1, run: walls.length - 1, unfinished: 1, stopped: 1 } }) as ExperimentResult;

describe("wallRatios", () => {
  it("gives the median per-round ratio; the baseline 1; no test under 5 rounds", () => {
    const ratios = wallRatios(["sync", "async", "threads"], [experiment([400, 410, 390]), experiment([100, 90, 130]), experiment([200, 800, 210])]);
    expect(ratios[0]).toEqual({ model: "sync", ratio: 1 });
    expect(ratios[1].model).toBe("async");
    expect(ratios[1].ratio).toBeCloseTo(1 / 4, 12);
    expect(ratios[2].ratio).toBeCloseTo(210 / 390, 12);
    expect(ratios.every((r) => r.test === undefined)).toBe(true);
  });

  it("from 5 rounds on, tests every model but the baseline, round against round", () => {
    const [base, far, near] = wallRatios(["sync", "async", "threads"], [experiment([400, 410, 390, 405, 395, 500]), experiment([100, 90, 120, 95, 105, 130]), experiment([380, 420, 400, 390, 415, 480])]);
    expect(base.test).toBeUndefined();
    expect(far.test).toMatchObject({ verdict: "faster", rounds: 6, confidence: 0.96875, negligible: 0.02, method: expect.stringContaining("sign-test") });
    expect(far.test!.interval[1]).toBeLessThan(1);
    expect(near.test).toMatchObject({ verdict: "no difference shown" });
    expect(near.test!.interval[0]).toBeLessThan(1);
    expect(near.test!.interval[1]).toBeGreaterThan(1);
  });

  it("leaves out a run cut short by --timeout and the rounds after it, and tests only with 5 whole pairs", () => {
    expect(pairedWalls(timedOut([1, 2, 3]), experiment([10, 20, 30, 40]))).toEqual({ walls: [1, 2], baselineWalls: [10, 20] });
    expect(pairedWalls(experiment([1, 2, 3]), timedOut([10, 20]))).toEqual({ walls: [1], baselineWalls: [10] });
    const ratios = wallRatios(["sync", "threads"], [experiment([400, 410, 390, 405, 395]), timedOut([100, 90, 100, 110, 1000])]);
    expect(ratios[1].test).toBeUndefined();
    expect(ratios[1].ratio).toBeCloseTo(Math.sqrt((100 / 400) * (100 / 390)), 12);
  });

  it("falls back to the ratio of medians when no round has both runs whole", () => {
    const ratios = wallRatios(["async", "threads"], [experiment([10, 12]), timedOut([500])]);
    expect(ratios[1]).toEqual({ model: "threads", ratio: 500 / 11 });
  });
});
