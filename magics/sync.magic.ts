import { taskOptions } from "./args/experiment-options";
import { defineMagic } from "./magic";
import { runExperiment } from "./run-experiment";
import { SyncRunner } from "./runners/sync-runner";

/** How a main-thread task that did not finish was stopped. */
export const MAIN_THREAD_STOPPED = "the main thread stopped waiting for it (a body stuck in its first synchronous part is stopped there)";

export const syncMagic = defineMagic({
  name: "sync",
  summary: "run the body as N tasks, one after another, on the main thread",
  description:
    "Runs the body (the inside of `async function (task)`) N times on the kernel's main thread; each task starts when the one before has settled. " +
    "The body sees notebook variables. Prints a table (median and range of R runs) and returns the result (also kept as $last).",
  options: { ...taskOptions },
  run: (options, body, ctx, argLine) =>
    runExperiment(
      { model: "sync", magicLine: `%%sync ${argLine}`.trim(), common: options, modelOptions: {}, stoppedHow: MAIN_THREAD_STOPPED, createRunner: (parts) => new SyncRunner(parts.mainThreadExecutor()) },
      body,
      ctx,
    ),
});
