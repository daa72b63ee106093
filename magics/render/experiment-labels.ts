import type { ExperimentResult } from "../result/experiment-result";
import type { ModelName } from "../result/experiment-result";

/** "threads (spawn)", and the runtime when it is not Node: "async · CPython 3.11.2 (GIL)". */
export function modelLabel(result: ExperimentResult): string {
  const model = result.model + (result.options.spawn ? " (spawn)" : "");
  const runtime = result.runtime as ExperimentResult["runtime"] | undefined;
  if (!runtime || runtime.implementation === "node") return model;
  const build = runtime.build === "free-threaded" ? `free-threaded, GIL ${runtime.gilEnabled ? "on" : "off"}` : "GIL";
  return `${model} · ${runtime.implementation === "cpython" ? "CPython" : runtime.implementation} ${runtime.version} (${build})`;
}

/** Ways to tell experiments apart, shortest first: the --name, the model, the magic line. */
const SCHEMES: ((result: ExperimentResult) => string)[] = [(result) => result.options.name ?? modelLabel(result), modelLabel, (result) => result.magicLine];

/** A category label per experiment: for each, the first scheme under which no other experiment has the same label. */
export function experimentLabels(results: readonly ExperimentResult[]): string[] {
  const labelled = SCHEMES.map((scheme) => results.map(scheme));
  const labels = results.map((_, i) => labelled.map((labels) => labels[i]).find((label, s) => labelled[s].indexOf(label) === labelled[s].lastIndexOf(label)) ?? `${i + 1}: ${results[i].magicLine}`);
  return new Set(labels).size === labels.length ? labels : results.map((r, i) => `${i + 1}: ${r.magicLine}`);
}

/** One colour per model, the same in every chart. */
export const modelColours: Record<ModelName, string> = {
  sync: "#4c78a8",
  async: "#f58518",
  threads: "#54a24b",
  processes: "#b279a2",
};
