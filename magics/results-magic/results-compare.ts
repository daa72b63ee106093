/** %results compare A B...: kept experiments of separate cells in one table and one chart, each against the first. */
import type { ExperimentResult } from "../result/experiment-result";
import type { MimeBundle } from "../../common/mime-bundle";
import { UsageError } from "../framework/usage-error";
import { barsFigure } from "../render/bars-figure";
import { keptComparisonTable } from "../render/comparison-table";
import { chartOutputs } from "../render/plotly-html";
import { unpairedRatio } from "../statistics/unpaired-ratio";
import { findKeptResult } from "./kept-results";

/** The table, then the bars chart (plotly.js sent first to a client session that has not had it). */
export function resultsCompare(names: readonly string[], scope: Record<string, unknown>, clientSession: string): MimeBundle[] {
  if (names.length < 2) throw new UsageError(`%results compare takes two or more kept experiments, got ${names.length === 0 ? "none" : names.join(" ")}; write %results compare A B [C...] (%results lists them)`);
  const experiments = names.map((name) => {
    const { result } = findKeptResult(scope, name, "%results compare");
    if (result.kind !== "conclab.experiment") throw new UsageError(`%results compare: ${name} is a ${result.kind === "conclab.comparison" ? "%%compare result" : "sweep"}; compare takes single experiments (one model, e.g. %%threads or %%python --model threads); keep each with --name`);
    return result;
  });
  const wholeWalls = (e: ExperimentResult) => e.runs.filter((_, r) => e.state !== "timed-out" || r !== e.timeout.run).map((run) => run.wallMs);
  const baseline = wholeWalls(experiments[0]);
  const ratios = experiments.map((e) => {
    const walls = wholeWalls(e);
    return walls.length && baseline.length ? unpairedRatio(walls, baseline) : { ratio: Number.NaN };
  });
  const table = keptComparisonTable(names, experiments, ratios);
  const figure = barsFigure(experiments);
  return [table, ...chartOutputs([{ figure, text: table["text/plain"] }], clientSession)];
}
