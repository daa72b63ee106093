import { seededRandom } from "./bootstrap";
import { MIN_TEST_ROUNDS, NEGLIGIBLE, binomialHalfCdf, formatConfidence, medianWithInterval, orderIntervalCoverage, pairedRatio, pairedVerdict, signTestRank } from "./paired-ratio";

/**
 * The coverage of [x(k), x(n+1-k)] by brute force: each of the n values falls below the true median
 * or above it with probability 1/2, independently; enumerate all 2^n sign assignments and count those
 * in which at least k fall on each side (exactly when the interval holds the median).
 */
function bruteForceCoverage(n: number, k: number): number {
  let covered = 0;
  for (let signs = 0; signs < 2 ** n; signs++) {
    let below = 0;
    for (let i = 0; i < n; i++) if (signs & (1 << i)) below++;
    if (below >= k && n - below >= k) covered++;
  }
  return covered / 2 ** n;
}

/** Binomial coefficients by Pascal's triangle, exact in integers for these n. */
function choose(n: number, j: number): number {
  let row = [1];
  for (let i = 0; i < n; i++) row = [1, ...row.slice(1).map((v, m) => v + row[m]), 1];
  return row[j];
}

/** A standard normal from two uniforms (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe("binomialHalfCdf", () => {
  it("sums C(n, i) / 2^n for i up to j, as Pascal's triangle gives them", () => {
    for (const n of [1, 5, 6, 9, 20, 40]) {
      for (let j = -1; j <= n + 1; j++) {
        let exact = 0;
        for (let i = 0; i <= Math.min(j, n); i++) exact += choose(n, i) / 2 ** n;
        expect(binomialHalfCdf(n, j)).toBeCloseTo(exact, 12);
      }
    }
  });

  it("stays finite for large n and refuses a bad n", () => {
    // (1 - C(1000, 500) / 2^1000) / 2
    expect(binomialHalfCdf(1000, 499)).toBeCloseTo(0.487387, 6);
    expect(binomialHalfCdf(1000, 1000)).toBe(1);
    expect(() => binomialHalfCdf(2.5, 1)).toThrow(/n to be an integer of 0 or more, got 2\.5/);
  });
});

describe("the sign-test interval of a median", () => {
  it("has the coverage that enumerating every sign assignment gives, for every n up to 16 and every k", () => {
    for (let n = 1; n <= 16; n++) {
      for (let k = 1; 2 * k <= n + 1; k++) expect(orderIntervalCoverage(n, k)).toBeCloseTo(bruteForceCoverage(n, k), 12);
    }
  });

  it("picks the textbook ranks: the narrowest interval of at least 95%, or the widest when none reaches it", () => {
    // Conover, Practical Nonparametric Statistics, and Hollander & Wolfe: (x(k), x(n+1-k)) for the median.
    expect(signTestRank(5)).toEqual({ k: 1, confidence: 1 - 2 / 32 });
    expect(signTestRank(6)).toEqual({ k: 1, confidence: 1 - 2 / 64 });
    expect(signTestRank(8)).toEqual({ k: 1, confidence: 1 - 2 / 256 });
    expect(signTestRank(9)).toEqual({ k: 2, confidence: 1 - 20 / 512 });
    expect(signTestRank(10)).toEqual({ k: 2, confidence: 1 - 22 / 1024 });
    expect(signTestRank(20).k).toBe(6);
    expect(signTestRank(20).confidence).toBeCloseTo(0.9586, 4);
    expect(signTestRank(100).k).toBe(40);
    expect(signTestRank(100).confidence).toBeCloseTo(0.9648, 4);
    for (let n = 1; n <= 60; n++) {
      const { k, confidence } = signTestRank(n);
      if (n <= 16) expect(confidence).toBeCloseTo(bruteForceCoverage(n, k), 12);
      if (confidence >= 0.95) expect(2 * (k + 1) > n + 1 || orderIntervalCoverage(n, k + 1) < 0.95).toBe(true);
      else expect(k).toBe(1);
    }
  });

  it("covers the true median as often as it says, on skewed data (a seeded simulation)", () => {
    const random = seededRandom(11);
    for (const n of [6, 9, 15]) {
      let covered = 0;
      const trials = 4000;
      for (let t = 0; t < trials; t++) {
        // Exponential values: skewed, median ln 2.
        const values = Array.from({ length: n }, () => -Math.log(1 - random()));
        const { interval } = medianWithInterval(values);
        if (interval[0] <= Math.LN2 && Math.LN2 <= interval[1]) covered++;
      }
      expect(Math.abs(covered / trials - signTestRank(n).confidence)).toBeLessThan(0.012);
    }
  });

  it("gives the median and the order statistics", () => {
    expect(medianWithInterval([5, 1, 4, 2, 3, 6])).toEqual({ estimate: 3.5, interval: [1, 6], confidence: 0.96875 });
    expect(medianWithInterval([9, 1, 8, 2, 7, 3, 6, 4, 5])).toEqual({ estimate: 5, interval: [2, 8], confidence: 1 - 20 / 512 });
  });

  it("refuses what it cannot compute, saying what it expected", () => {
    expect(() => signTestRank(0)).toThrow(/at least 1 value, got 0/);
    expect(() => signTestRank(6, 1)).toThrow(/target confidence between 0 and 1, got 1/);
    expect(() => orderIntervalCoverage(6, 4)).toThrow(/k from 1 to 3 for n = 6, got 4/);
  });

  it("writes the confidence achieved, unrounded", () => {
    expect(formatConfidence(0.96875)).toBe("96.875%");
    expect(formatConfidence(0.9375)).toBe("93.75%");
  });
});

describe("pairedVerdict", () => {
  it("calls a difference only when the interval excludes 1 and the ratio is beyond the threshold", () => {
    expect(pairedVerdict(1.34, [1.3, 1.38])).toBe("slower");
    expect(pairedVerdict(0.5, [0.45, 0.55])).toBe("faster");
  });

  it("calls a clear but small difference negligible, and an interval inside the threshold negligible even when it holds 1", () => {
    expect(pairedVerdict(1.01, [1.005, 1.04])).toBe("negligible");
    expect(pairedVerdict(0.99, [0.95, 0.995])).toBe("negligible");
    expect(pairedVerdict(1.0, [1 / 1.02, 1.02])).toBe("negligible");
    expect(pairedVerdict(1.03, [1.001, 1.05], 0.05)).toBe("negligible");
  });

  it("says no difference shown when the interval holds 1 and reaches beyond the threshold", () => {
    expect(pairedVerdict(1.03, [0.95, 1.1])).toBe("no difference shown");
    expect(pairedVerdict(1.0, [0.99, 1.021])).toBe("no difference shown");
  });
});

describe("pairedRatio", () => {
  it("gives the median per-round ratio and no test below the minimum rounds", () => {
    expect(MIN_TEST_ROUNDS).toBe(5);
    const r = pairedRatio([20, 44, 30], [10, 22, 10]);
    expect(r.ratio).toBeCloseTo(2, 12);
    expect(r).toMatchObject({ rounds: 3 });
    expect(r.test).toBeUndefined();
  });

  it("pairs the runs of a round: a drift that hits both models in a round cancels", () => {
    // The machine slows down fivefold over the rounds; within each round the model is 1.1x the baseline.
    const base = [10, 20, 30, 40, 50, 60];
    const r = pairedRatio(base.map((w, i) => w * (1.1 + (i % 2 ? 0.005 : -0.005))), base);
    expect(r.rounds).toBe(6);
    expect(r.test).toMatchObject({ verdict: "slower", confidence: 0.96875, negligible: NEGLIGIBLE });
    expect(r.test!.interval[0]).toBeCloseTo(1.095, 10);
    expect(r.test!.interval[1]).toBeCloseTo(1.105, 10);
    expect(r.test!.method).toMatch(/median of the per-round ratios .*exact sign-test interval .*96\.875% confidence/);
  });

  it("does not let one stalled run among 9 hide a 2x difference", () => {
    const base = [40, 41, 39, 40.5, 39.5, 40.2, 40.8, 39.9, 40.1];
    const fast = base.map((w, i) => (i === 4 ? 520 : w / 2 + (i % 3) * 0.2));
    const r = pairedRatio(fast, base);
    expect(r.rounds).toBe(9);
    expect(r.test).toMatchObject({ verdict: "faster", confidence: 1 - 20 / 512 });
    expect(r.test!.interval[1]).toBeLessThan(0.52);
    expect(r.ratio).toBeCloseTo(0.5, 1);
  });

  it("calls equal work under noise different in no more than 1 - confidence of comparisons (a seeded simulation)", () => {
    const random = seededRandom(5);
    const trials = 4000;
    let different = 0;
    for (let t = 0; t < trials; t++) {
      const noisy = () => 20 * Math.exp(0.1 * normal(random));
      const walls = Array.from({ length: 6 }, noisy);
      const verdict = pairedRatio(walls, Array.from({ length: 6 }, noisy)).test!.verdict;
      if (verdict === "slower" || verdict === "faster") different++;
    }
    expect(different / trials).toBeLessThan(1 - 0.96875 + 0.008);
    expect(different / trials).toBeGreaterThan(0.015);
  });

  it("refuses unpaired or non-positive wall times, saying what it got", () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(/one wall time of each model per round, at least one round; got 2 and 1/);
    expect(() => pairedRatio([], [])).toThrow(/got 0 and 0/);
    expect(() => pairedRatio([1, 0], [1, 1])).toThrow(/wall times above 0, got 0/);
  });
});
