import { asyncPlan } from "./async.magic";
import { COMPARE_MODELS, compareModels } from "../options/compare-models";
import { concurrencyOption, maxMemoryOption, scheduleOption, taskOptions, workersOption } from "../options/experiment-options";
import { OptionSpec, ParsedOptions, option } from "../framework/option-spec";
import { defineMagic } from "../framework/magic";
import type { MagicContext } from "../framework/magic-context";
import { machineInfo } from "../measure/machine-info";
import { NOISE_TEST_MIN_RUNS, wallRatios } from "../statistics/wall-ratios";
import { processesPlan } from "./processes.magic";
import { attachDisplay } from "../../common/mime-bundle";
import { comparisonTable } from "../render/comparison-table";
import type { CompareModelName, ComparisonResult } from "../result/experiment-result";
import { OpenExperiment, ProgressPlace, closeAll } from "../experiment/open-experiment";
import { Lab } from "../experiment/lab";
import { ExperimentPlan, SweptInput, prepareExperiment } from "../experiment/plan";
import { syncPlan } from "./sync.magic";
import { runTaskMagic } from "./task-magic";
import { threadsPlan } from "./threads.magic";
import { UsageError } from "../framework/usage-error";

/** The options only some models use, and which. */
const USED_BY = {
  concurrency: ["async"],
  workers: ["threads", "spawn", "processes"],
  schedule: ["threads", "processes"],
  maxMemory: ["threads", "spawn", "processes"],
} satisfies Record<string, CompareModelName[]>;

function usedBy<T>(key: keyof typeof USED_BY, spec: OptionSpec<T>): OptionSpec<T> {
  return { ...spec, help: `${spec.help} (used by ${USED_BY[key].join(", ")})` };
}

export const compareOptions = {
  models: option(compareModels, "the models to run the body under, in this order; the first is the baseline of the ratios", {
    default: ["sync", "async", "threads"] as CompareModelName[],
    defaultText: "sync,async,threads",
  }),
  ...taskOptions,
  concurrency: usedBy("concurrency", concurrencyOption),
  workers: usedBy("workers", workersOption("worker threads or child processes", "worker thread is an OS thread with a V8 heap, each process a whole Node.js runtime")),
  schedule: usedBy("schedule", scheduleOption),
  maxMemory: usedBy("maxMemory", maxMemoryOption),
};

type CompareOptions = ParsedOptions<typeof compareOptions>;

/** The experiment of one model, from the one set of options. */
function planOf(model: CompareModelName, options: CompareOptions, magicLine: string, ctx: MagicContext): ExperimentPlan {
  switch (model) {
    case "sync":
      return syncPlan(options, magicLine);
    case "async":
      return asyncPlan(options, magicLine);
    case "threads":
    case "spawn":
      return threadsPlan({ ...options, spawn: model === "spawn" }, magicLine, ctx);
    case "processes":
      return processesPlan(options, magicLine, ctx);
  }
}

/** The order of the models in run `runId`: rotated by one each run, so none is always first or last. */
export function runOrder(models: number, runId: number): number[] {
  return Array.from({ length: models }, (_, i) => (runId + i) % models);
}

/**
 * Every model's experiment opened at once, then the runs interleaved: warm-ups, then for each run
 * every model once, in rotating order, so that machine noise falls on all of them alike.
 */
export async function measureComparison(options: CompareOptions, body: string, ctx: MagicContext, magicLine: string, lab: Lab, place: ProgressPlace, swept: SweptInput | undefined): Promise<ComparisonResult> {
  const { models } = options;
  const startedAt = new Date().toISOString();
  const prepared = models.map((model) => prepareExperiment(planOf(model, options, magicLine, ctx), body, ctx, swept));
  const experiments: OpenExperiment[] = [];
  try {
    for (const [k, model] of models.entries()) experiments.push(await OpenExperiment.open(prepared[k], ctx, lab, { ...place, label: `%%compare: ${model}` }));
    for (let runId = 0; runId < options.warmup + options.repeat; runId++) {
      for (const k of runOrder(models.length, runId)) await experiments[k].measure(runId);
    }
    const results = experiments.map((e) => e.result());
    const comparison: ComparisonResult = { kind: "conclab.comparison", magicLine, models, experiments: results, ratios: wallRatios(models, results), machine: machineInfo(), startedAt };
    return attachDisplay(comparison, comparisonTable);
  } finally {
    await closeAll(experiments);
  }
}

export const compareMagic = defineMagic({
  name: "compare",
  summary: "run one body under several models, runs interleaved, and compare their wall times",
  description:
    `Runs the body (the inside of \`async function (task)\`) under each model of --models (${COMPARE_MODELS.join(", ")}; spawn is %%threads --spawn) with the same tasks and options. ` +
    "Runs are interleaved (warm-ups, then run 1 of every model, run 2 of every model, ..., the order rotating each run) so machine noise hits all models alike. " +
    `The table shows each model's median and range and its wall time over the first model's; with --repeat ${NOISE_TEST_MIN_RUNS} or more, a bootstrap 95% interval of that ratio says whether the difference is beyond run-to-run noise. ` +
    "The body must type-check under every model: threads, spawn and processes cannot see notebook variables (copy them in with --input NAME). An option a model does not use is left out of its run: the help of each says which models use it. " +
    "With --sweep, one comparison per value. Shows live progress, then the table and charts; the comparison is kept as $last (and $results.NAME with --name).",
  options: compareOptions,
  run(options, body, ctx, argLine) {
    const swept = options.sweep?.parameter;
    if (swept === "workers" || swept === "concurrency") {
      const users: readonly CompareModelName[] = USED_BY[swept];
      if (!options.models.some((m) => users.includes(m))) {
        throw new UsageError(`%%compare: --sweep ${swept}=...: none of --models ${options.models.join(",")} uses --${swept} (${users.join(", ")} do): add one of them to --models or sweep something else`);
      }
    }
    const magicLine = `%%compare ${argLine}`.trim();
    const cell = { magic: "compare", specs: compareOptions, options, magicLine, ctx };
    return runTaskMagic(cell, (o, lab, place, sweptInput) => measureComparison(o, body, ctx, magicLine, lab, place, sweptInput));
  },
});
