import { NOISE_TEST_MIN_RUNS } from "../statistics/wall-ratios";
import type { ComparisonResult, WallRatio } from "../result/experiment-result";
import { TableBundle, TableNote, experimentHeader, experimentNotes, experimentRow, machineNote, medianOf, tableBundle } from "./result-table";

export function formatRatio(ratio: number): string {
  return `${Number(ratio.toPrecision(3))}×`;
}

/** The ratio column's header and cells, and the interval's when any of the comparisons has a noise test (they share their models). */
export function ratioColumns(comparisons: readonly ComparisonResult[]): { header: string[]; cells: (ratio: WallRatio) => string[] } {
  const tested = comparisons.some((c) => c.ratios.some((r) => r.noise));
  const base = comparisons[0].models[0];
  return {
    header: [`wall vs ${base}`, ...(tested ? ["95% interval"] : [])],
    cells: (r) => [
      formatRatio(r.ratio),
      ...(tested ? [r.noise ? `${formatRatio(r.noise.interval[0])}–${formatRatio(r.noise.interval[1])}, ${r.noise.beyondNoise ? "beyond noise" : "within noise"}` : r.model === base ? "baseline" : "untested"] : []),
    ],
  };
}

/** How the ratios were tested against noise, or why they were not. */
export function noiseNote(comparisons: readonly ComparisonResult[]): TableNote {
  const tested = comparisons.flatMap((c) => c.ratios).find((r) => r.noise);
  if (tested?.noise) return { text: `interval: ${tested.noise.method}; "beyond noise" when it excludes 1` };
  return { text: `ratios without a noise test: --repeat ${NOISE_TEST_MIN_RUNS} or more to test against noise` };
}

/** One row per model (the experiment table's columns) plus its wall time against the first model's. */
export function comparisonTable(comparison: ComparisonResult): TableBundle {
  const { experiments } = comparison;
  const ratios = ratioColumns([comparison]);
  return tableBundle({
    caption: `${comparison.magicLine}: ${medianOf(experiments)}, runs interleaved`,
    header: [...experimentHeader(experiments[0].options.tasks), ...ratios.header],
    rows: experiments.map((e, k) => [...experimentRow(e), ...ratios.cells(comparison.ratios[k])]),
    notes: [noiseNote([comparison]), ...experiments.flatMap((e, k) => experimentNotes(e, `${comparison.models[k]}: `)), machineNote(comparison.machine)],
  });
}
