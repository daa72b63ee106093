import { TaskOptions, maxMemoryOption, scheduleOption, taskOptions, workersOption } from "../options/experiment-options";
import { defineMagic, magicLineOf } from "../framework/magic";
import type { ExperimentPlan } from "../experiment/plan";
import { Schedule, describeSchedule } from "../runners/plan-batches";
import { ProcessPoolRunner } from "../runners/process-pool-runner";
import { MODEL_MAGIC_OUTCOME, runModelMagic, taskBodyModule } from "./task-magic";

export const processesOptions = {
  ...taskOptions,
  workers: workersOption("child processes", "process is a whole Node.js runtime (tens of MB)"),
  schedule: scheduleOption,
  maxMemory: maxMemoryOption,
};

/** %%processes's experiment (also %%compare's processes). */
export function processesPlan(options: TaskOptions & { workers: number; schedule: Schedule; maxMemory: number | undefined }, magicLine: string): ExperimentPlan {
  return {
    model: "processes",
    magicLine,
    common: options,
    modelOptions: { workers: options.workers, schedule: describeSchedule(options.schedule), ...(options.maxMemory ? { maxMemoryMb: options.maxMemory } : {}) },
    isolatedWhere: "in a child process",
    stoppedHow: "its child process was killed",
    createRunner: ({ laneSetup, stdout, stderr }) => new ProcessPoolRunner({ setup: laneSetup(), workers: options.workers, maxMemoryMb: options.maxMemory, stdout, stderr }, options.schedule),
  };
}

export const processesMagic = defineMagic({
  name: "processes",
  summary: "run the body as N tasks over W child processes",
  description:
    "Runs the body (the inside of `async function (task)`) as N tasks over W child processes (child_process.fork). " +
    "Each process has its own memory: the body cannot see notebook variables (copy them in with --input NAME; SharedArrayBuffers cannot be shared across processes). " +
    "Process start-up is measured on its own line; the CPU column includes the children's CPU. " +
    MODEL_MAGIC_OUTCOME,
  options: processesOptions,
  run(options, body, ctx, argLine) {
    const magicLine = magicLineOf("processes", argLine);
    return runModelMagic({ magic: "processes", specs: processesOptions, options, magicLine, ctx }, body, (o) => processesPlan(o, magicLine));
  },
  bodyModule: (options, body, notebook, argLine) => taskBodyModule([processesPlan(options, magicLineOf("processes", argLine))], body, notebook),
});
