import { MIN_TEST_ROUNDS } from "../statistics/paired-ratio";
import type { UnpairedRatio } from "../statistics/unpaired-ratio";
import type { ExperimentResult } from "../result/experiment-result";
import type { ComparisonResult, WallRatio } from "../result/experiment-result";
import { TableBundle, TableNote, experimentHeader, experimentNotes, experimentRow, machineNote, medianOf, plural, tableBundle } from "./result-table";

export function formatRatio(ratio: number): string {
  return `${Number(ratio.toPrecision(3))}×`;
}

/** "±2%" for a threshold of 0.02. */
function threshold(negligible: number): string {
  return `±${Number((negligible * 100).toPrecision(3))}%`;
}

/** An end of an interval: 3 significant digits, or 3 decimals within 10% of 1, where a difference of a few parts in a thousand is what the threshold is about. */
function intervalEnd(ratio: number): string {
  return ratio >= 0.9 && ratio <= 1.1 ? ratio.toFixed(3) : ratio.toPrecision(3);
}

/** The ratio and, when tested, its interval, confidence and verdict: "1.34× (1.30–1.38×, 96.9%) slower". */
export function ratioCell(r: { ratio: number; test?: Pick<NonNullable<WallRatio["test"]>, "interval" | "confidence" | "verdict" | "negligible"> }): string {
  if (!r.test) return formatRatio(r.ratio);
  const { interval, confidence, verdict, negligible } = r.test;
  const tested = `${formatRatio(r.ratio)} (${intervalEnd(interval[0])}–${intervalEnd(interval[1])}×, ${(confidence * 100).toFixed(1)}%)`;
  return verdict === "negligible" ? `${tested} negligible (within ${threshold(negligible)})` : `${tested} ${verdict}`;
}

/** The ratio column's header and cells (the comparisons share their models). */
export function ratioColumns(comparisons: readonly ComparisonResult[]): { header: string[]; cells: (ratio: WallRatio) => string[] } {
  return { header: [`wall vs ${comparisons[0].models[0]}`], cells: (r) => [ratioCell(r)] };
}

/** How the ratios were tested, in words that keep "no difference shown" apart from "the same"; and which were not, and why. */
export function ratioNotes(comparisons: readonly ComparisonResult[]): TableNote[] {
  const all = comparisons.flatMap((c) => c.ratios.slice(1));
  const tested = all.find((r) => r.test)?.test;
  const untested = [...new Set(all.filter((r) => !r.test).map((r) => r.model))];
  const base = comparisons[0].models[0];
  const notes: TableNote[] = [];
  if (tested) {
    const warmup = comparisons[0].experiments[0].options.warmup;
    const seeds = comparisons.map((c) => c.rounds.seed).join(", ");
    notes.push({
      text:
        `wall vs ${base}: ${tested.method}, ${plural(tested.rounds, "round")} after ${plural(warmup, "warm-up round")} (order seed ${seeds}); ` +
        `slower or faster: the interval excludes 1 and the ratio is beyond ${threshold(tested.negligible)}; negligible: the ratio, or the whole interval, within ${threshold(tested.negligible)} of 1, however clear; ` +
        `"no difference shown": the interval holds 1, so these runs cannot tell the models apart, which does not mean they are the same`,
    });
  }
  if (untested.length > 0) {
    const rounds = Math.min(...comparisons.map((c) => c.rounds.order.length));
    notes.push({
      text: `no verdict on ${untested.join(", ")}: the test of a ratio needs ${MIN_TEST_ROUNDS} or more rounds in which both models ran whole (--repeat ${MIN_TEST_ROUNDS} or more); this ran ${plural(rounds, "round")}`,
    });
  }
  return notes;
}

/** One row per model (the experiment table's columns) plus its wall time against the first model's. */
export function comparisonTable(comparison: ComparisonResult): TableBundle {
  const { experiments } = comparison;
  const ratios = ratioColumns([comparison]);
  return tableBundle({
    caption: `${comparison.magicLine}: ${medianOf(experiments)}, runs in shuffled rounds`,
    header: [...experimentHeader(experiments[0].options.tasks), ...ratios.header],
    rows: experiments.map((e, k) => [...experimentRow(e), ...ratios.cells(comparison.ratios[k])]),
    notes: [...ratioNotes([comparison]), ...experiments.flatMap((e, k) => experimentNotes(e, `${comparison.models[k]}: `)), machineNote(comparison.machine)],
  });
}

/**
 * %results compare: kept experiments of separate cells (Node and CPython side by side, say), one row
 * each under its kept name, with its wall time against the first's by the unpaired method.
 */
export function keptComparisonTable(names: readonly string[], experiments: readonly ExperimentResult[], ratios: readonly UnpairedRatio[]): TableBundle {
  const method = ratios.find((r) => r.test)?.test?.method;
  const untested = names.filter((_, k) => k > 0 && !ratios[k].test);
  const tasks = experiments.every((e) => e.options.tasks === experiments[0].options.tasks) ? experiments[0].options.tasks : undefined;
  return tableBundle({
    caption: `${names.join(" vs ")}: ${medianOf(experiments)}, kept from separate cells (runs not interleaved)`,
    header: ["result", ...experimentHeader(tasks), `wall vs ${names[0]}`],
    rows: experiments.map((e, k) => [names[k], ...experimentRow(e), k === 0 ? "1×" : ratioCell(ratios[k])]),
    notes: [
      ...(method ? [{ text: `wall vs ${names[0]}: ${method}; slower or faster: the interval excludes 1 and the ratio is beyond ±${ratios.find((r) => r.test)!.test!.negligible * 100}%; "no difference shown" does not mean the same` }] : []),
      ...(untested.length ? [{ text: `no verdict on ${untested.join(", ")}: an exact interval at 95% needs 4 or more runs on each side (--repeat 4)` }] : []),
      ...experiments.flatMap((e, k) => experimentNotes(e, `${names[k]}: `)),
      ...[...new Set(experiments.map((e) => JSON.stringify(e.machine)))].map((m) => machineNote(JSON.parse(m) as ExperimentResult["machine"])),
    ],
  });
}
