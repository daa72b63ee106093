import { maxMemoryOption, scheduleOption, taskOptions, workersOption } from "./args/experiment-options";
import { defineMagic } from "./magic";
import { runExperiment } from "./run-experiment";
import { describeSchedule } from "./runners/plan-batches";
import { ProcessPoolRunner } from "./runners/process-pool-runner";

export const processesMagic = defineMagic({
  name: "processes",
  summary: "run the body as N tasks over W child processes",
  description:
    "Runs the body (the inside of `async function (task)`) as N tasks over W child processes (child_process.fork). " +
    "Each process has its own memory: the body cannot see notebook variables (copy them in with --input NAME; SharedArrayBuffers cannot be shared across processes). " +
    "Process start-up is measured on its own line; the CPU column includes the children's CPU. Prints a table (median and range of R runs) and returns the result (also kept as $last).",
  options: {
    ...taskOptions,
    workers: workersOption("child processes", "process is a whole Node.js runtime (tens of MB)"),
    schedule: scheduleOption,
    maxMemory: maxMemoryOption,
  },
  run: (options, body, ctx, argLine) =>
    runExperiment(
      {
        model: "processes",
        magicLine: `%%processes ${argLine}`.trim(),
        common: options,
        modelOptions: { workers: options.workers, schedule: describeSchedule(options.schedule), ...(options.maxMemory ? { maxMemoryMb: options.maxMemory } : {}) },
        isolatedWhere: "in a child process",
        stoppedHow: "its child process was killed",
        createRunner: ({ laneSetup }) =>
          new ProcessPoolRunner({ setup: laneSetup, workers: options.workers, maxMemoryMb: options.maxMemory, stdout: ctx.stdout, stderr: ctx.stderr }, options.schedule),
      },
      body,
      ctx,
    ),
});
