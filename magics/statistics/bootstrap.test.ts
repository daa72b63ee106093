import { RATIO_BOOTSTRAP, describeRatioBootstrap, ratioOfMediansInterval, seededRandom } from "./bootstrap";
import { median } from "./statistics";

describe("seededRandom", () => {
  it("repeats its sequence for a seed, differs between seeds, and stays in [0, 1)", () => {
    const a = Array.from({ length: 1000 }, seededRandom(7));
    expect(Array.from({ length: 1000 }, seededRandom(7))).toEqual(a);
    expect(Array.from({ length: 1000 }, seededRandom(8))).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(a.reduce((s, x) => s + x, 0) / a.length - 0.5)).toBeLessThan(0.05);
  });
});

describe("ratioOfMediansInterval", () => {
  const fast = [10, 11, 9, 10.5, 9.5];
  const slow = [100, 104, 98, 101, 97];

  it("brackets the ratio of medians and excludes 1 when the groups are far apart", () => {
    const [low, high] = ratioOfMediansInterval(fast, slow);
    const ratio = median(fast) / median(slow);
    expect(low).toBeLessThanOrEqual(ratio);
    expect(high).toBeGreaterThanOrEqual(ratio);
    expect(high).toBeLessThan(1);
    expect(low).toBeGreaterThanOrEqual(Math.min(...fast) / Math.max(...slow));
    expect(high).toBeLessThanOrEqual(Math.max(...fast) / Math.min(...slow));
  });

  it("includes 1 for two samples of the same noise", () => {
    const [low, high] = ratioOfMediansInterval([10, 12, 9, 11, 10], [11, 9, 10, 12, 10]);
    expect(low).toBeLessThan(1);
    expect(high).toBeGreaterThan(1);
  });

  it("gives the same interval for the same data (seeded), and another for another seed", () => {
    const noisy = [10, 30, 12, 25, 18, 14];
    expect(ratioOfMediansInterval(noisy, slow)).toEqual(ratioOfMediansInterval(noisy, slow));
    expect(ratioOfMediansInterval(noisy, slow, { ...RATIO_BOOTSTRAP, seed: 99 })).not.toEqual(ratioOfMediansInterval(noisy, slow));
  });

  it("narrows with more runs", () => {
    const spreadOf = ([low, high]: [number, number]) => high - low;
    const jitter = (n: number, base: number) => Array.from({ length: n }, (_, i) => base + ((i * 7) % 5) - 2);
    expect(spreadOf(ratioOfMediansInterval(jitter(50, 20), jitter(50, 40)))).toBeLessThan(spreadOf(ratioOfMediansInterval(jitter(5, 20), jitter(5, 40))));
  });

  it("refuses an empty group and says how it computes", () => {
    expect(() => ratioOfMediansInterval([], [1])).toThrow(/at least one value/);
    expect(describeRatioBootstrap()).toBe("bootstrap 95% percentile interval of the ratio of median wall times, 2000 resamples of each model's runs (seed 1)");
  });
});
