import type { WallRatio } from "../result/experiment-result";
import { fixtureComparison, fixtureExperiment, fixtureSweep } from "../../test/support/result-fixtures";
import { comparisonTable, ratioCell, ratioNotes } from "./comparison-table";
import { sweepTable } from "./sweep-table";

type Verdict = NonNullable<WallRatio["test"]>["verdict"];

const tested = (ratio: number, interval: [number, number], verdict: Verdict): WallRatio => ({
  model: "async",
  ratio,
  test: { method: "median of the per-round ratios; interval: exact sign-test interval, 96.875% confidence", rounds: 6, confidence: 0.96875, interval, negligible: 0.02, verdict },
});

function comparison(ratio: WallRatio) {
  const c = fixtureComparison([fixtureExperiment({ model: "sync", runs: 6 }), fixtureExperiment({ model: "async", runs: 6 })]);
  c.ratios[1] = ratio;
  c.rounds = { seed: 42, order: Array.from({ length: 6 }, () => [1, 0]) };
  return c;
}

describe("the ratio column", () => {
  it("gives the ratio, its interval and confidence and the verdict, in words that keep a difference apart from the same", () => {
    expect(ratioCell(tested(1.34, [1.3, 1.38], "slower"))).toBe("1.34× (1.30–1.38×, 96.9%) slower");
    expect(ratioCell(tested(0.5, [0.45, 0.55], "faster"))).toBe("0.5× (0.450–0.550×, 96.9%) faster");
    expect(ratioCell(tested(1.01, [1.005, 1.015], "negligible"))).toBe("1.01× (1.005–1.015×, 96.9%) negligible (within ±2%)");
    expect(ratioCell(tested(1.03, [0.95, 1.1], "no difference shown"))).toBe("1.03× (0.950–1.100×, 96.9%) no difference shown");
    expect(ratioCell({ ratio: 0.25 })).toBe("0.25×");
  });

  it("shows in the table, with a note naming the method, the rounds, the warm-up, the seed and the threshold", () => {
    const text = comparisonTable(comparison(tested(1.34, [1.3, 1.38], "slower")))["text/plain"];
    expect(text).toMatch(/runs in shuffled rounds\nmodel .* wall vs sync\n/);
    expect(text).toMatch(/\nasync .* 1\.34× \(1\.30–1\.38×, 96\.9%\) slower\n/);
    expect(text).toContain(
      'wall vs sync: median of the per-round ratios; interval: exact sign-test interval, 96.875% confidence, 6 rounds after 0 warm-up rounds (order seed 42); ' +
        'slower or faster: the interval excludes 1 and the ratio is beyond ±2%; negligible: the ratio, or the whole interval, within ±2% of 1, however clear; "no difference shown": the interval holds 1, so these runs cannot tell the models apart, which does not mean they are the same',
    );
    expect(text).not.toContain("no verdict");
  });

  it("says which ratios have no verdict and how many rounds the test needs", () => {
    const c = comparison({ model: "async", ratio: 0.5 });
    c.rounds.order = c.rounds.order.slice(0, 3);
    expect(ratioNotes([c])).toEqual([{ text: "no verdict on async: the test of a ratio needs 5 or more rounds in which both models ran whole (--repeat 5 or more); this ran 3 rounds" }]);
  });

  it("gives a sweep of comparisons the same cells and notes", () => {
    const sweep = fixtureSweep("tasks", [1, 2], () => comparison(tested(1.03, [0.95, 1.1], "no difference shown")));
    const text = sweepTable(sweep)["text/plain"];
    expect(text).toMatch(/\n2 +async .* 1\.03× \(0\.950–1\.100×, 96\.9%\) no difference shown\n/);
    expect(text).toContain("(order seed 42, 42)");
    expect(text).toContain("which does not mean they are the same");
  });
});
