import type { ModelName, Spread } from "../result/experiment-result";
import { formatMs } from "../../common/units";
import type { Figure, Trace } from "./figure";
import { modelColours } from "./experiment-labels";
import { runsCaption, spreadLabel, spreadValues } from "./spread-bars";
import type { SweepResult } from "../result/experiment-result";

export interface SweepPoint {
  model: string;
  value: number;
  wallMs: Spread;
}

/** Beyond this ratio of largest to smallest, a linear axis crushes the small end into a corner. */
const LOG_AXIS_RATIO = 20;

export function needsLogAxis(values: readonly number[]): boolean {
  if (values.length === 0 || values.some((v) => v <= 0)) return false;
  return Math.max(...values) / Math.min(...values) > LOG_AXIS_RATIO;
}

function lineColour(model: string): string | undefined {
  return (modelColours as Record<string, string>)[model as ModelName];
}

/** Median wall time against the swept value, one line per model, error bars to min and max. */
export function sweepFigure(points: readonly SweepPoint[], sweptName: string): Figure {
  const models = [...new Set(points.map((p) => p.model))];
  const data = models.map((model): Trace => {
    const line = points.filter((p) => p.model === model).sort((a, b) => a.value - b.value);
    const colour = lineColour(model);
    return {
      type: "scatter",
      mode: "lines+markers",
      name: model,
      x: line.map((p) => p.value),
      ...spreadValues(line.map((p) => p.wallMs)),
      ...(colour ? { line: { color: colour }, marker: { color: colour } } : {}),
      text: line.map((p) => spreadLabel(p.wallMs, formatMs)),
      hovertemplate: `${model}, ${sweptName} %{x}: %{text}<extra></extra>`,
    };
  });
  return {
    data,
    layout: {
      title: { text: `Wall time against ${sweptName}: ${runsCaption(points.map((p) => p.wallMs))}` },
      xaxis: { title: { text: sweptName }, type: needsLogAxis(points.map((p) => p.value)) ? "log" : "linear" },
      yaxis: { title: { text: "wall time (ms)" }, type: needsLogAxis(points.map((p) => p.wallMs.median)) ? "log" : "linear" },
    },
  };
}

/** The sweep's wall times as points of the sweep chart: one per value and model (a sweep of %%compare gives one line per model). */
export function sweepPoints(sweep: SweepResult): SweepPoint[] {
  return sweep.points.flatMap((point, i) => {
    const value = sweep.values[i];
    if (point.kind === "conclab.comparison") return point.experiments.map((e, k) => ({ model: point.models[k], value, wallMs: e.summary.wallMs }));
    return [{ model: point.options.spawn ? "spawn" : point.model, value, wallMs: point.summary.wallMs }];
  });
}
