import { mean, median, percentile, spread, standardDeviation } from "./statistics";

describe("statistics", () => {
  it("takes the median of odd and even counts, in any order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it("interpolates percentiles between closest ranks", () => {
    const values = [10, 20, 30, 40, 50];
    expect(percentile(values, 0)).toBe(10);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile(values, 25)).toBe(20);
    expect(percentile(values, 99)).toBeCloseTo(49.6);
    expect(() => percentile(values, 101)).toThrow(/0 to 100, got 101/);
  });

  it("gives the spread of runs: median, min, max and how many runs it is of", () => {
    expect(spread([5, 1, 9, 3])).toEqual({ median: 4, min: 1, max: 9, of: 4 });
  });

  it("computes the mean and the population standard deviation", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(standardDeviation([3])).toBe(0);
  });
});
