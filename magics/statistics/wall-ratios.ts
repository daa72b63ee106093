/** %%compare's verdict: each model's median wall time against the first model's, tested against run-to-run noise. */
import type { CompareModelName, ExperimentResult, WallRatio } from "../result/experiment-result";
import { describeRatioBootstrap, ratioOfMediansInterval } from "./bootstrap";
import { median } from "./statistics";

/** Below this many runs of each model, a bootstrap interval says little: no noise test. */
export const NOISE_TEST_MIN_RUNS = 5;

/** One ratio per model, the first model's being 1 (and untested: it is the baseline). */
export function wallRatios(models: readonly CompareModelName[], experiments: readonly ExperimentResult[]): WallRatio[] {
  const walls = experiments.map((e) => e.runs.map((r) => r.wallMs));
  const baseline = walls[0];
  return models.map((model, k) => {
    const ratio = median(walls[k]) / median(baseline);
    if (k === 0 || walls[k].length < NOISE_TEST_MIN_RUNS || baseline.length < NOISE_TEST_MIN_RUNS) return { model, ratio };
    const interval = ratioOfMediansInterval(walls[k], baseline);
    return { model, ratio, noise: { method: describeRatioBootstrap(), interval, beyondNoise: interval[1] < 1 || interval[0] > 1 } };
  });
}
