import { TaskOptions, taskOptions } from "../options/experiment-options";
import { defineMagic, magicLineOf } from "../framework/magic";
import type { ExperimentPlan } from "../experiment/plan";
import { SyncRunner } from "../runners/sync-runner";
import { MODEL_MAGIC_OUTCOME, runModelMagic, taskBodyModule } from "./task-magic";

/** How a main-thread task that did not finish was stopped. */
export const MAIN_THREAD_STOPPED = "the main thread stopped waiting for it (a body stuck in its first synchronous part is stopped there)";

export const syncOptions = { ...taskOptions };

/** %%sync's experiment (also %%compare's sync). */
export function syncPlan(options: TaskOptions, magicLine: string): ExperimentPlan {
  return { model: "sync", magicLine, common: options, modelOptions: {}, stoppedHow: MAIN_THREAD_STOPPED, createRunner: (parts) => new SyncRunner(parts.mainThreadExecutor()) };
}

export const syncMagic = defineMagic({
  name: "sync",
  summary: "run the body as N tasks, one after another, on the main thread",
  description:
    "Runs the body (the inside of `async function (task)`) N times on the kernel's main thread; each task starts when the one before has settled. " +
    "The body sees notebook variables. " +
    MODEL_MAGIC_OUTCOME,
  options: syncOptions,
  run(options, body, ctx, argLine) {
    const magicLine = magicLineOf("sync", argLine);
    return runModelMagic({ magic: "sync", specs: syncOptions, options, magicLine, ctx }, body, (o) => syncPlan(o, magicLine));
  },
  bodyModule: (options, body, notebook, argLine) => taskBodyModule([syncPlan(options, magicLineOf("sync", argLine))], body, notebook),
});
