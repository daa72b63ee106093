import type { ExperimentResult } from "../result/experiment-result";

function shortLabel(result: ExperimentResult): string {
  return result.options.name ?? result.model + (result.options.spawn ? " (spawn)" : "");
}

/** A category label per experiment; experiments that would share one (same model, other options) get their magic line instead. */
export function experimentLabels(results: readonly ExperimentResult[]): string[] {
  const short = results.map(shortLabel);
  return short.map((label, i) => (short.indexOf(label) === short.lastIndexOf(label) ? label : results[i].magicLine));
}
