/** %%compare's verdict: each model's wall time against the first model's, paired round by round (see paired-ratio.ts). */
import type { CompareModelName, ExperimentResult, WallRatio } from "../result/experiment-result";
import { pairedRatio } from "./paired-ratio";
import { median } from "./statistics";

/**
 * The wall times of the rounds in which both experiments have a whole run: runs[r] is round r's run
 * (a model that passes --timeout runs no more rounds), and a run cut short by --timeout is left out.
 */
export function pairedWalls(experiment: ExperimentResult, baseline: ExperimentResult): { walls: number[]; baselineWalls: number[] } {
  const cut = (e: ExperimentResult) => (e.state === "timed-out" ? e.timeout.run : undefined);
  const walls: number[] = [];
  const baselineWalls: number[] = [];
  for (let r = 0; r < Math.min(experiment.runs.length, baseline.runs.length); r++) {
    if (r === cut(experiment) || r === cut(baseline)) continue;
    walls.push(experiment.runs[r].wallMs);
    baselineWalls.push(baseline.runs[r].wallMs);
  }
  return { walls, baselineWalls };
}

/** One ratio per model, the first model's being 1 (and untested: it is the baseline). */
export function wallRatios(models: readonly CompareModelName[], experiments: readonly ExperimentResult[]): WallRatio[] {
  const baseline = experiments[0];
  return models.map((model, k) => {
    if (k === 0) return { model, ratio: 1 };
    const { walls, baselineWalls } = pairedWalls(experiments[k], baseline);
    // No round in which both ran whole (a model whose first run timed out): the ratio of the medians of what there is.
    if (walls.length === 0) return { model, ratio: median(experiments[k].runs.map((r) => r.wallMs)) / median(baseline.runs.map((r) => r.wallMs)) };
    const { ratio, rounds, test } = pairedRatio(walls, baselineWalls);
    return test ? { model, ratio, test: { method: test.method, rounds, confidence: test.confidence, interval: test.interval, negligible: test.negligible, verdict: test.verdict } } : { model, ratio };
  });
}
