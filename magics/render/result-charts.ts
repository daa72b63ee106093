/** Which charts a result gets, by default or as `--plot` asks, each a figure with its text/plain table. */
import { closestWord } from "../../common/closest-word";
import type { ConclabResult, ExperimentResult } from "../result/experiment-result";
import { experimentTable } from "./result-table";
import { UsageError } from "../framework/usage-error";
import { barsFigure } from "./bars-figure";
import { loopDelayText, memoryText, sweepText, timelineText } from "./chart-texts";
import type { Figure } from "./figure";
import { loopDelayFigure } from "./loop-delay-figure";
import { hasMemorySamples, memoryFigure } from "./memory-figure";
import { sweepFigure } from "./sweep-figure";
import { sweepPoints } from "./sweep-figure";
import { timelineFigure } from "./timeline-figure";

/** What `--plot` takes. */
export const PLOT_NAMES = ["bars", "timeline", "memory", "loop-delay", "sweep"] as const;
export type PlotName = (typeof PLOT_NAMES)[number];

export interface Chart {
  plot: PlotName;
  figure: Figure;
  /** The chart's numbers as a plain-text table. */
  text: string;
}

function experimentsOf(result: Exclude<ConclabResult, { kind: "conclab.sweep" }>): ExperimentResult[] {
  return result.kind === "conclab.comparison" ? result.experiments : [result];
}

function describe(result: ConclabResult): string {
  if (result.kind === "conclab.sweep") return "a sweep";
  return result.kind === "conclab.comparison" ? "a comparison" : `an experiment (%%${result.model})`;
}

/** The plots that can be drawn from `result`. */
export function fittingPlots(result: ConclabResult): PlotName[] {
  if (result.kind === "conclab.sweep") return ["sweep"];
  const memory = experimentsOf(result).some(hasMemorySamples) ? (["memory"] as const) : [];
  return ["bars", "timeline", ...memory, "loop-delay"];
}

/** What a magic shows without `--plot`: a comparison all its charts; one experiment its timeline and memory, and the loop delay where the body runs on the main thread. */
export function defaultPlots(result: ConclabResult): PlotName[] {
  if (result.kind !== "conclab.experiment") return fittingPlots(result);
  const onMainThread = result.model === "sync" || result.model === "async";
  return fittingPlots(result).filter((plot) => plot !== "bars" && (plot !== "loop-delay" || onMainThread));
}

/** `--plot` names checked against PLOT_NAMES and against what fits the result; throws a UsageError naming both. */
export function checkPlotNames(result: ConclabResult, names: readonly string[]): PlotName[] {
  const fitting = fittingPlots(result);
  return names.map((name) => {
    if (!(PLOT_NAMES as readonly string[]).includes(name)) {
      const near = closestWord(name, PLOT_NAMES);
      throw new UsageError(`--plot takes a comma-separated list of ${PLOT_NAMES.join(", ")}; got ${JSON.stringify(name)}${near ? ` (did you mean ${near}?)` : ""}`);
    }
    if (!fitting.includes(name as PlotName)) {
      const why = name === "memory" && result.kind !== "conclab.sweep" ? " (the result kept no RSS samples)" : "";
      throw new UsageError(`--plot ${name} does not fit ${describe(result)}${why}; what fits it: ${fitting.join(", ")}`);
    }
    return name as PlotName;
  });
}

function chartsOf(result: ConclabResult, plot: PlotName): Chart[] {
  if (result.kind === "conclab.sweep") {
    const points = sweepPoints(result);
    return [{ plot, figure: sweepFigure(points, result.parameter), text: sweepText(points, result.parameter) }];
  }
  const experiments = experimentsOf(result);
  switch (plot) {
    case "bars":
      return [{ plot, figure: barsFigure(experiments), text: experimentTable(experiments)["text/plain"] }];
    case "timeline":
      // One figure per model: each keeps its own lanes, and each output stays small with 1,000 tasks.
      return experiments.map((e) => ({ plot, figure: timelineFigure(e), text: timelineText(e) }));
    case "memory": {
      const sampled = experiments.filter(hasMemorySamples);
      return [{ plot, figure: memoryFigure(sampled), text: memoryText(sampled) }];
    }
    case "loop-delay":
      return [{ plot, figure: loopDelayFigure(experiments), text: loopDelayText(experiments) }];
    case "sweep":
      throw new RangeError("a sweep chart needs a sweep result");
  }
}

/** The charts of `result`: those `plots` names (as given to --plot, in that order), or the defaults. */
export function resultCharts(result: ConclabResult, plots?: readonly string[]): Chart[] {
  const chosen = plots === undefined ? defaultPlots(result) : checkPlotNames(result, plots);
  return [...new Set(chosen)].flatMap((plot) => chartsOf(result, plot));
}
