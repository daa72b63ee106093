import { asyncPlan } from "./async.magic";
import { COMPARE_MODELS, compareModels } from "../options/compare-models";
import { concurrencyOption, maxMemoryOption, scheduleOption, taskOptions, workersOption } from "../options/experiment-options";
import { OptionSpec, ParsedOptions, option } from "../framework/option-spec";
import { defineMagic, magicLineOf } from "../framework/magic";
import type { MagicContext } from "../framework/magic-context";
import type { Conversion, TypeScriptEngine } from "../../common/typescript-engine";
import { machineInfo } from "../measure/machine-info";
import { wallRatios } from "../statistics/wall-ratios";
import { seededRandom } from "../statistics/bootstrap";
import { MIN_TEST_ROUNDS, NEGLIGIBLE, TARGET_CONFIDENCE } from "../statistics/paired-ratio";
import { processesPlan } from "./processes.magic";
import { randomInt } from "node:crypto";
import { attachDisplay } from "../../common/mime-bundle";
import { comparisonTable } from "../render/comparison-table";
import type { CompareModelName, ComparisonResult } from "../result/experiment-result";
import { OpenExperiment, ProgressPlace, closeAll } from "../experiment/open-experiment";
import { Lab } from "../experiment/lab";
import { ExperimentPlan, PreparedExperiment, SweptInput, prepareExperiment } from "../experiment/plan";
import { syncPlan } from "./sync.magic";
import { runTaskMagic, taskBodyModule } from "./task-magic";
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

/**
 * %%compare's own defaults. One warm-up round takes the cold run off whichever model comes first.
 * The sign-test interval at 95% or more is [d(k), d(n+1-k)]: k = 1 up to 8 rounds, 2 from 9, 3
 * from 12. At 5 rounds one disturbed round of 5 stretched it across 1 and hid a real 1.33x
 * difference in 2 of 10 comparisons; at 9, two disturbed rounds on one side still did, in 4 of 10
 * comparisons on a busy machine. 12 rounds ([d(3), d(10)], 96.14%) need three on one side. A run
 * no longer pays for a full GC, so 12 rounds and the warm-up keep a default %%compare of a trivial
 * body well under twice what it took before rounds and warm-up (bench/compare.bench.ts).
 */
export const COMPARE_ROUNDS = 12;
export const COMPARE_WARMUP = 1;

export const compareOptions = {
  models: option(compareModels, "the models to run the body under, in this order; the first is the baseline of the ratios", {
    default: ["sync", "async", "threads"] as CompareModelName[],
    defaultText: "sync,async,threads",
  }),
  ...taskOptions,
  repeat: { ...taskOptions.repeat, help: `measured rounds, each running every model once in shuffled order; the test of the ratios needs ${MIN_TEST_ROUNDS} or more`, default: COMPARE_ROUNDS },
  warmup: { ...taskOptions.warmup, help: "unmeasured rounds before the measured ones (JIT warm-up, and no cold run on whichever model comes first)", default: COMPARE_WARMUP },
  concurrency: usedBy("concurrency", concurrencyOption),
  workers: usedBy("workers", workersOption("worker threads or child processes", "worker thread is an OS thread with a V8 heap, each process a whole Node.js runtime")),
  schedule: usedBy("schedule", scheduleOption),
  maxMemory: usedBy("maxMemory", maxMemoryOption),
};

type CompareOptions = ParsedOptions<typeof compareOptions>;

/** The experiment of one model, from the one set of options. */
function planOf(model: CompareModelName, options: CompareOptions, magicLine: string): ExperimentPlan {
  switch (model) {
    case "sync":
      return syncPlan(options, magicLine);
    case "async":
      return asyncPlan(options, magicLine);
    case "threads":
    case "spawn":
      return threadsPlan({ ...options, spawn: model === "spawn" }, magicLine);
    case "processes":
      return processesPlan(options, magicLine);
  }
}

/** A uniformly random order of `models` model indexes (Fisher–Yates), drawn from `random`. */
export function shuffledOrder(models: number, random: () => number): number[] {
  const order = Array.from({ length: models }, (_, i) => i);
  for (let i = models - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Every model's experiment opened at once, then the runs in rounds: the warm-up rounds, then the
 * measured ones, each running every model once in an order shuffled per round by a seeded generator
 * (the seed and the measured rounds' orders are kept in the result), so that neither a drift of the
 * machine nor a cold first run lands on one model; the runs of one round are the pairs of the ratios.
 */
export function measureComparison(options: CompareOptions, body: string, ctx: MagicContext, magicLine: string, lab: Lab, place: ProgressPlace, swept: SweptInput | undefined): Promise<ComparisonResult> {
  const once = { ...ctx, engine: convertingOnce(ctx.engine) };
  const prepared = options.models.map((model) => prepareExperiment(planOf(model, options, magicLine), body, once, swept));
  return measureInRounds({ models: options.models, prepared, warmup: options.warmup, repeat: options.repeat, magic: "compare" }, ctx, magicLine, lab, place);
}

/** `engine`, converting each pair of declarations and source once: every model type-checks the same body. */
function convertingOnce(engine: TypeScriptEngine): TypeScriptEngine {
  const conversions = new Map<string, Conversion>();
  return {
    convert(prevDecl, src) {
      const key = JSON.stringify([prevDecl, src]);
      let conversion = conversions.get(key);
      if (!conversion) conversions.set(key, (conversion = engine.convert(prevDecl, src)));
      return conversion;
    },
    positionMapper: (prevDecl, src) => engine.positionMapper(prevDecl, src),
    complete: (prevDecl, src, position) => engine.complete(prevDecl, src, position),
    inspect: (prevDecl, src, position) => engine.inspect(prevDecl, src, position),
    close: () => engine.close(),
  };
}

/** The experiments of a comparison, prepared: one per model, in the order of `models`. */
export interface PreparedComparison {
  models: CompareModelName[];
  prepared: PreparedExperiment[];
  warmup: number;
  repeat: number;
  /** The magic whose progress lines these are ("compare", "python"). */
  magic: string;
}

/** Opens every experiment of `comparison`, runs its rounds in shuffled order, and pairs their runs (also %%python --models). */
export async function measureInRounds(options: PreparedComparison, ctx: MagicContext, magicLine: string, lab: Lab, place: ProgressPlace): Promise<ComparisonResult> {
  const { models, prepared } = options;
  const startedAt = new Date().toISOString();
  const experiments: OpenExperiment[] = [];
  try {
    for (const [k, model] of models.entries()) experiments.push(await OpenExperiment.open(prepared[k], ctx, lab, { ...place, label: `%%${options.magic}: ${model}` }));
    const seed = randomInt(2 ** 32);
    const random = seededRandom(seed);
    const order: number[][] = [];
    for (let round = 0; round < options.warmup + options.repeat; round++) {
      const ran: number[] = [];
      for (const k of shuffledOrder(models.length, random)) {
        if (experiments[k].stopped) continue;
        await experiments[k].measure(round);
        ran.push(k);
      }
      if (round >= options.warmup) order.push(ran);
    }
    const results = experiments.map((e) => e.result());
    const comparison: ComparisonResult = { kind: "conclab.comparison", magicLine, models, experiments: results, ratios: wallRatios(models, results), rounds: { seed, order }, machine: machineInfo(), startedAt };
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
    `Runs go in rounds: ${COMPARE_WARMUP} warm-up round, then --repeat ${COMPARE_ROUNDS} measured rounds by default, each running every model once in an order shuffled per round (seeded; the seed and the orders are kept in the result). ` +
    "The table shows each model's median and range and its wall time over the first model's: the median of the per-round ratios, the runs of one round paired. " +
    `From ${MIN_TEST_ROUNDS} rounds on, each ratio gets the exact sign-test interval of that median (the narrowest that covers at least ${TARGET_CONFIDENCE * 100}%, from 6 rounds on; 5 allow at most 93.75%; from 9 rounds on it leaves out the most extreme round at each end, from 12 the two most extreme, so a disturbed round or two cannot decide; the confidence achieved is shown) and a verdict: ` +
    `slower or faster when the interval excludes 1 and the ratio is beyond ±${NEGLIGIBLE * 100}%; negligible when it is within ±${NEGLIGIBLE * 100}% (even when the difference is clear) or the whole interval is; "no difference shown" when the interval holds 1, which does not mean the models are the same. ` +
    "The body must type-check under every model: threads, spawn and processes cannot see notebook variables (copy them in with --input NAME). An option a model does not use is left out of its run: the help of each says which models use it. " +
    "With --sweep, one comparison per value. Shows live progress, then the table and charts; the comparison is kept as $last (and $results.NAME with --name), and what the tasks returned in each model's last measured run as .values of its experiment in $last.experiments.",
  options: compareOptions,
  run(options, body, ctx, argLine) {
    const swept = options.sweep?.parameter;
    if (swept === "workers" || swept === "concurrency") {
      const users: readonly CompareModelName[] = USED_BY[swept];
      if (!options.models.some((m) => users.includes(m))) {
        throw new UsageError(`%%compare: --sweep ${swept}=...: none of --models ${options.models.join(",")} uses --${swept} (${users.join(", ")} do): add one of them to --models or sweep something else`);
      }
    }
    const magicLine = magicLineOf("compare", argLine);
    const cell = { magic: "compare", specs: compareOptions, options, magicLine, ctx };
    return runTaskMagic(cell, (o, lab, place, sweptInput) => measureComparison(o, body, ctx, magicLine, lab, place, sweptInput));
  },
  bodyModule: (options, body, notebook, argLine) => taskBodyModule(options.models.map((model) => planOf(model, options, magicLineOf("compare", argLine))), body, notebook),
});
