/** Any kept result seen as its experiments, each with the model and sweep point that place it. */
import type { CompareModelName, ComparisonResult, ConclabResult, ExperimentResult } from "../result/experiment-result";

export interface ExperimentEntry {
  /** As %%compare names models: "spawn" for %%threads --spawn. */
  model: CompareModelName;
  /** Set for the points of a --sweep. */
  point?: { parameter: string; value: number };
  experiment: ExperimentResult;
}

function modelOf(experiment: ExperimentResult): CompareModelName {
  return experiment.options.spawn ? "spawn" : experiment.model;
}

function entriesOf(result: ExperimentResult | ComparisonResult, point: ExperimentEntry["point"]): ExperimentEntry[] {
  if (result.kind === "conclab.experiment") return [{ model: modelOf(result), ...(point ? { point } : {}), experiment: result }];
  return result.experiments.map((experiment, k) => ({ model: result.models[k], ...(point ? { point } : {}), experiment }));
}

/** One entry per experiment, in the result's order (a sweep: point by point, and model by model within a point). */
export function experimentEntries(result: ConclabResult): ExperimentEntry[] {
  if (result.kind !== "conclab.sweep") return entriesOf(result, undefined);
  return result.points.flatMap((point, i) => entriesOf(point, { parameter: result.parameter, value: result.values[i] }));
}

export function modelLabel(model: CompareModelName): string {
  return model === "spawn" ? "threads (spawn)" : model;
}

/** "tasks=10 sync", or just "sync" outside a sweep. */
export function entryLabel(entry: ExperimentEntry): string {
  return `${entry.point ? `${entry.point.parameter}=${entry.point.value} ` : ""}${modelLabel(entry.model)}`;
}

/** What the result is, in a few words: "sync", "compare: sync, async", "sweep tasks=1,10: sync". */
export function resultShape(result: ConclabResult): string {
  if (result.kind === "conclab.experiment") return modelLabel(modelOf(result));
  if (result.kind === "conclab.comparison") return `compare: ${result.models.map(modelLabel).join(", ")}`;
  const first = result.points[0];
  const models = first === undefined ? "" : `: ${first.kind === "conclab.comparison" ? `compare ${first.models.map(modelLabel).join(", ")}` : modelLabel(modelOf(first))}`;
  return `sweep ${result.parameter}=${result.values.join(",")}${models}`;
}

export function isConclabResult(value: unknown): value is ConclabResult {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return typeof value === "object" && (kind === "conclab.experiment" || kind === "conclab.comparison" || kind === "conclab.sweep");
}
