import { mannWhitneyCdf, unpairedRatio } from "./unpaired-ratio";

describe("mannWhitneyCdf", () => {
  it("is the exact null distribution of U", () => {
    // 2 against 2: U = 0..4 with counts 1, 1, 2, 1, 1 of the 6 orders.
    expect(mannWhitneyCdf(2, 2).map((p) => p * 6)).toEqual([1, 2, 4, 5, 6].map((c) => expect.closeTo(c, 9)));
    expect(mannWhitneyCdf(4, 4)[0]).toBeCloseTo(1 / 70, 12);
    expect(mannWhitneyCdf(3, 5).at(-1)).toBeCloseTo(1, 12);
  });
});

describe("unpairedRatio", () => {
  it("is the median cross ratio", () => {
    expect(unpairedRatio([200], [100]).ratio).toBeCloseTo(2, 12);
    expect(unpairedRatio([200, 200, 200], [100, 100, 100]).ratio).toBeCloseTo(2, 12);
  });

  it("gives no interval where the runs are too few for 95% (3 and 3 reach 90%)", () => {
    expect(unpairedRatio([200, 210, 190], [100, 105, 95]).test).toBeUndefined();
  });

  it("says slower when every cross ratio is well above 1, with the exact coverage", () => {
    const { test } = unpairedRatio([200, 210, 190, 205, 195], [100, 105, 95, 102, 98]);
    expect(test?.verdict).toBe("slower");
    expect(test?.confidence).toBeGreaterThanOrEqual(0.95);
    expect(test?.interval[0]).toBeGreaterThan(1.7);
    expect(test?.method).toMatch(/not interleaved/);
  });

  it("shows no difference when the two sets overlap", () => {
    expect(unpairedRatio([100, 120, 90, 110, 95], [105, 92, 118, 99, 101]).test?.verdict).toBe("no difference shown");
  });
});
