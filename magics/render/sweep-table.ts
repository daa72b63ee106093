import { ratioColumns, ratioNotes } from "./comparison-table";
import type { ComparisonResult, ExperimentResult, SweepResult } from "../result/experiment-result";
import { TableBundle, experimentHeader, experimentNotes, experimentRow, machineNote, medianOf, tableBundle } from "./result-table";

/** One row per value (and per model, for a sweep of %%compare), the swept value first. */
export function sweepTable(sweep: SweepResult): TableBundle {
  const { parameter } = sweep;
  const comparisons = sweep.points.filter((p): p is ComparisonResult => p.kind === "conclab.comparison");
  const ratios = comparisons.length > 0 ? ratioColumns(comparisons) : undefined;
  const rows = sweep.points.flatMap((point, i) => {
    const value = String(sweep.values[i]);
    if (point.kind === "conclab.experiment") return [[value, ...experimentRow(point)]];
    return point.experiments.map((e, k) => [value, ...experimentRow(e), ...ratios!.cells(point.ratios[k])]);
  });
  const experiments: ExperimentResult[] = sweep.points.flatMap((p) => (p.kind === "conclab.comparison" ? p.experiments : [p]));
  const notes = sweep.points.flatMap((point, i) => {
    const at = `${parameter}=${sweep.values[i]}`;
    return point.kind === "conclab.experiment" ? experimentNotes(point, `${at}: `) : point.experiments.flatMap((e, k) => experimentNotes(e, `${at}, ${point.models[k]}: `));
  });
  return tableBundle({
    caption: `${sweep.magicLine}: ${medianOf(experiments)} at each ${parameter}`,
    header: [parameter, ...experimentHeader(), ...(ratios?.header ?? [])],
    rows,
    notes: [...(comparisons.length > 0 ? [{ text: `wall vs ${comparisons[0].models[0]}: at the same ${parameter}` }, ...ratioNotes(comparisons)] : []), ...notes, machineNote(sweep.machine)],
  });
}
