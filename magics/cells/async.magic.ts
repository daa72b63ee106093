import { TaskOptions, concurrencyOption, taskOptions } from "../options/experiment-options";
import { defineMagic, magicLineOf } from "../framework/magic";
import type { ExperimentPlan } from "../experiment/plan";
import { AsyncRunner } from "../runners/async-runner";
import { MAIN_THREAD_STOPPED } from "./sync.magic";
import { MODEL_MAGIC_OUTCOME, runModelMagic, taskBodyModule } from "./task-magic";

export const asyncOptions = { ...taskOptions, concurrency: concurrencyOption };

/** %%async's experiment (also %%compare's async). */
export function asyncPlan(options: TaskOptions & { concurrency: number | undefined }, magicLine: string): ExperimentPlan {
  return {
    model: "async",
    magicLine,
    common: options,
    modelOptions: options.concurrency === undefined ? {} : { concurrency: options.concurrency },
    stoppedHow: MAIN_THREAD_STOPPED,
    createRunner: (parts) => new AsyncRunner(parts.mainThreadExecutor(), options.concurrency ?? options.tasks),
  };
}

export const asyncMagic = defineMagic({
  name: "async",
  summary: "run the body as N async tasks on the main thread's event loop, at most C in flight",
  description:
    "Starts the body (the inside of `async function (task)`) as N tasks on the kernel's event loop, at most C at a time: they overlap while they wait (I/O, timers) but share one thread for CPU work. " +
    "The body sees notebook variables. " +
    MODEL_MAGIC_OUTCOME,
  options: asyncOptions,
  run(options, body, ctx, argLine) {
    const magicLine = magicLineOf("async", argLine);
    return runModelMagic({ magic: "async", specs: asyncOptions, options, magicLine, ctx }, body, (o) => asyncPlan(o, magicLine));
  },
  bodyModule: (options, body, notebook, argLine) => taskBodyModule([asyncPlan(options, magicLineOf("async", argLine))], body, notebook),
});
