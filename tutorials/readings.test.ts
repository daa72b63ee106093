import { claimComparison, claimExperiment } from "../test/support/claim-fixtures";
import { apart, bytes, findingOfTest, inFlight, spreadText, testWords, times, wallReading } from "./readings";

describe("inFlight", () => {
  it("counts the most tasks started and not yet finished at one moment, a task ending as another starts not overlapping it", () => {
    expect(inFlight({ start: [0, 0, 0], end: [5, 5, 5], lane: [0, 0, 0], ok: [true, true, true] })).toBe(3);
    expect(inFlight({ start: [0, 5, 10], end: [5, 10, 15], lane: [0, 0, 0], ok: [true, true, true] })).toBe(1);
    expect(inFlight({ start: [0, 1, 6], end: [5, 7, 8], lane: [1, 2, 1], ok: [true, true, true] })).toBe(2);
    expect(inFlight({ start: [], end: [], lane: [], ok: [] })).toBe(0);
  });
});

describe("wallReading", () => {
  const c = claimComparison([claimExperiment({ model: "sync", walls: Array(5).fill(100) }), claimExperiment({ model: "threads", workers: 2, walls: Array(5).fill(50) })], { threads: { verdict: "faster", interval: [0.4, 0.625] } });

  it("reads the ratio and the test, turning the interval for a speed-up, without changing whose verdict it is", () => {
    expect(wallReading(c, "threads")).toMatchObject({ value: 0.5, verdict: "faster", interval: [0.4, 0.625], rounds: 5, intervalText: "0.40–0.63× at 93.8% confidence (sign test of the paired log ratios, 5 paired rounds): faster" });
    expect(wallReading(c, "threads", "speedup")).toMatchObject({ value: 2, verdict: "faster", interval: [1.6, 2.5] });
    expect(wallReading(c, "sync")).toMatchObject({ value: 1, verdict: "untested", intervalText: "the baseline of the ratios" });
    expect(wallReading(c, "processes")).toBeUndefined();
  });

  it("says a negligible difference with its band, and an untested ratio with its runs", () => {
    const n = claimComparison([claimExperiment({ model: "async" }), claimExperiment({ model: "threads", workers: 2, runs: 3 })], { threads: "negligible" });
    expect(wallReading(n, "threads")?.intervalText).toMatch(/: negligible \(within ±2%\)$/);
    expect(wallReading(claimComparison([claimExperiment({ model: "async" }), claimExperiment({ model: "threads", runs: 3 })]), "threads")).toMatchObject({ verdict: "untested", intervalText: "untested: 3 runs, too few paired rounds for the test" });
  });
});

describe("findingOfTest", () => {
  it("supports on the expected verdict, contradicts on the opposite or a negligible one, shows nothing otherwise", () => {
    expect(findingOfTest("slower", "slower")).toBe("supports");
    expect(findingOfTest("faster", "slower")).toBe("contradicts");
    expect(findingOfTest("negligible", "faster")).toBe("contradicts");
    expect(findingOfTest("no difference shown", "faster")).toBe("not shown");
    expect(findingOfTest("untested", "slower")).toBe("not shown");
    expect(testWords("no difference shown", "async")).toMatch(/does not make them the same/);
  });
});

describe("figures", () => {
  it("compares ranges of runs and writes spreads and ratios", () => {
    expect(apart({ median: 1, min: 0.9, max: 1.1, of: 3 }, { median: 2, min: 1.2, max: 2.5, of: 3 })).toBe(true);
    expect(apart({ median: 1, min: 0.9, max: 1.3, of: 3 }, { median: 2, min: 1.2, max: 2.5, of: 3 })).toBe(false);
    expect(spreadText({ median: 2, min: 1, max: 3, of: 3 }, String)).toBe("2 (1–3)");
    expect(spreadText({ median: 2, min: 2, max: 2, of: 1 }, String)).toBe("2");
    expect([times(1.234), times(12.34), times(123.4)]).toEqual(["1.23×", "12.3×", "123×"]);
    expect([bytes(190.8736), bytes(1536), bytes(-3.4)]).toEqual(["191 B", "1.5 KiB", "-3 B"]);
  });
});
