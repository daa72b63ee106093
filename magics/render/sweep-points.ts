import type { SweepResult } from "../result/experiment-result";
import type { SweepPoint } from "./sweep-figure";

/** The sweep's wall times as points of the sweep chart: one per value and model (a sweep of %%compare gives one line per model). */
export function sweepPoints(sweep: SweepResult): SweepPoint[] {
  return sweep.points.flatMap((point, i) => {
    const value = sweep.values[i];
    if (point.kind === "conclab.comparison") return point.experiments.map((e, k) => ({ model: point.models[k], value, wallMs: e.summary.wallMs }));
    return [{ model: point.options.spawn ? "spawn" : point.model, value, wallMs: point.summary.wallMs }];
  });
}
