/** What every task magic does around its measurement: --sweep, the result kept as $last, progress. */
import type { TaskOptions } from "../options/experiment-options";
import type { OptionSpecs } from "../framework/option-spec";
import { Sweep, checkSweep, sweepsOption } from "../options/sweep-value";
import type { BodyModule, NotebookView } from "../framework/body-module";
import { inBodyTerms, taskModule } from "../body/task-module";
import type { MagicContext } from "../framework/magic-context";
import { machineInfo } from "../measure/machine-info";
import { attachDisplay } from "../../common/mime-bundle";
import type { ComparisonResult, ConclabResult, ExperimentResult, SweepResult } from "../result/experiment-result";
import { sweepTable } from "../render/sweep-table";
import { checkView } from "../options/view-options";
import { showWhileRunning } from "../render/result-outputs";
import { ProgressPlace, measureExperiment, throwIfInterrupted } from "../experiment/open-experiment";
import { keepResult } from "../results-magic/kept-results";
import { Lab } from "../experiment/lab";
import { ExperimentPlan, SweptInput, prepareExperiment, taskBodySource } from "../experiment/plan";

/** Measures one experiment (or one comparison) of a magic with `options`, in `lab`. */
export type MeasurePoint<O> = (options: O, lab: Lab, place: ProgressPlace, swept: SweptInput | undefined) => Promise<ExperimentResult | ComparisonResult>;

export interface TaskMagicCell<O extends TaskOptions> {
  magic: string;
  /** The magic's declared options, to check --sweep against. */
  specs: OptionSpecs;
  options: O;
  /** "%%threads --workers 2" */
  magicLine: string;
  ctx: MagicContext;
}

/** How the help of %%sync, %%async, %%threads and %%processes ends: what the cell shows, and where it keeps the result and the tasks' return values. */
export const MODEL_MAGIC_OUTCOME =
  "Shows live progress, then a table (median and range of R runs) and charts; the result is kept as $last (and $results.NAME with --name), " +
  "and what the tasks returned in the last measured run as $last.values, by task index (undefined for a task that threw; with --sweep, each point of $last.points has its own).";

/** %%sync, %%async, %%threads, %%processes: the experiment of the model's plan. */
export function runModelMagic<O extends TaskOptions>(cell: TaskMagicCell<O>, body: string, planOf: (options: O) => ExperimentPlan): Promise<undefined> {
  return runTaskMagic(cell, (options, lab, place, swept) => measureExperiment(prepareExperiment(planOf(options), body, cell.ctx, swept), cell.ctx, lab, place));
}

/**
 * The module the body is type-checked as for `plans` (a magic's, or %%compare's one per model): they
 * type it alike, and if any of them runs it apart from the notebook, it may not read notebook variables.
 */
export function taskBodyModule(plans: readonly ExperimentPlan[], body: string, notebook: NotebookView): BodyModule {
  const { sweep } = plans[0].common;
  const source = taskBodySource(plans[0], body, notebook.notebookDeclarations, sweep && !sweepsOption(sweep) ? sweep.parameter : undefined);
  return { ...taskModule(source), declarations: source.notebookDeclarations, unreadable: plans.some((p) => p.isolatedWhere) ? Object.keys(notebook.notebookScope) : [], inBodyTerms };
}

/** One measurement, or one per --sweep value, shown as it runs; the result kept as $last (and $results.NAME). */
export function runTaskMagic<O extends TaskOptions>(cell: TaskMagicCell<O>, measure: MeasurePoint<O>): Promise<undefined> {
  const { options, ctx } = cell;
  checkView(cell.magic, options, options.sweep !== undefined);
  return showWhileRunning(cell.magic, options, ctx, async (onProgress) => {
    const result = await Lab.with<ConclabResult>({ onProgress, kernelThreadIds: ctx.kernelThreadIds }, (lab) => (options.sweep ? measureSweep(cell, options.sweep, measure, lab) : measure(options, lab, { label: `%%${cell.magic}` }, undefined)));
    keepResult(ctx, result, options.name);
    return result;
  });
}

/** Runs `measure` once per value of the sweep, in order. An interrupt rejects, keeping nothing of the points done. */
async function measureSweep<O extends TaskOptions>(cell: TaskMagicCell<O>, sweep: Sweep, measure: MeasurePoint<O>, lab: Lab): Promise<SweepResult> {
  const { options, ctx, magic } = cell;
  checkSweep(magic, sweep, cell.specs, options.input, ctx.notebookScope);
  const { parameter, values } = sweep;
  const startedAt = new Date().toISOString();
  const points: (ExperimentResult | ComparisonResult)[] = [];
  for (const [index, value] of values.entries()) {
    throwIfInterrupted(ctx.signal);
    const place = { label: `%%${magic}`, point: { index, of: values.length, value, parameter } };
    points.push(sweepsOption(sweep) ? await measure({ ...options, [parameter]: value }, lab, place, undefined) : await measure(options, lab, place, { name: parameter, value }));
  }
  return attachDisplay({ kind: "conclab.sweep", magicLine: cell.magicLine, parameter, values, points, machine: machineInfo(), startedAt }, sweepTable);
}
