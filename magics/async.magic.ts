import { taskOptions } from "./args/experiment-options";
import { integer, optionalOption } from "./args/option-spec";
import { defineMagic } from "./magic";
import { runExperiment } from "./run-experiment";
import { AsyncRunner } from "./runners/async-runner";
import { MAIN_THREAD_STOPPED } from "./sync.magic";

export const asyncMagic = defineMagic({
  name: "async",
  summary: "run the body as N async tasks on the main thread's event loop, at most C in flight",
  description:
    "Starts the body (the inside of `async function (task)`) as N tasks on the kernel's event loop, at most C at a time: they overlap while they wait (I/O, timers) but share one thread for CPU work. " +
    "The body sees notebook variables. Prints a table (median and range of R runs) and returns the result (also kept as $last).",
  options: {
    ...taskOptions,
    concurrency: optionalOption(integer("C", 1, 1_000_000), "at most C tasks in flight", { defaultText: "all of them" }),
  },
  run: (options, body, ctx, argLine) =>
    runExperiment(
      {
        model: "async",
        magicLine: `%%async ${argLine}`.trim(),
        common: options,
        modelOptions: options.concurrency === undefined ? {} : { concurrency: options.concurrency },
        stoppedHow: MAIN_THREAD_STOPPED,
        createRunner: (parts) => new AsyncRunner(parts.mainThreadExecutor(), options.concurrency ?? options.tasks),
      },
      body,
      ctx,
    ),
});
