import { TaskOptions, maxMemoryOption, scheduleOption, spawnOption, taskOptions, workersOption } from "../options/experiment-options";
import { defineMagic, magicLineOf } from "../framework/magic";
import type { ExperimentPlan } from "../experiment/plan";
import { Schedule, describeSchedule } from "../runners/plan-batches";
import { SpawnRunner } from "../runners/spawn-runner";
import { ThreadPoolRunner } from "../runners/thread-pool-runner";
import { MODEL_MAGIC_OUTCOME, runModelMagic, taskBodyModule } from "./task-magic";
import { UsageError } from "../framework/usage-error";

export const threadsOptions = {
  ...taskOptions,
  workers: workersOption("worker threads", "worker is an OS thread with a V8 heap of its own (several MB)"),
  spawn: spawnOption,
  schedule: scheduleOption,
  maxMemory: maxMemoryOption,
};

/** %%threads's experiment (also %%compare's threads and spawn); --schedule is not used with --spawn. */
export function threadsPlan(options: TaskOptions & { workers: number; spawn: boolean; schedule: Schedule; maxMemory: number | undefined }, magicLine: string): ExperimentPlan {
  const lanes = { workers: options.workers, maxMemoryMb: options.maxMemory };
  return {
    model: "threads",
    magicLine,
    common: options,
    modelOptions: { workers: options.workers, spawn: options.spawn, ...(options.spawn ? {} : { schedule: describeSchedule(options.schedule) }), ...(options.maxMemory ? { maxMemoryMb: options.maxMemory } : {}) },
    isolatedWhere: "in a worker thread",
    stoppedHow: "its worker thread was terminated",
    createRunner: ({ laneSetup, table, stderr }) => (options.spawn ? new SpawnRunner({ ...lanes, stderr, setup: laneSetup(), table }) : new ThreadPoolRunner({ ...lanes, stderr, setup: laneSetup(), table }, options.schedule)),
  };
}

export const threadsMagic = defineMagic({
  name: "threads",
  summary: "run the body as N tasks on a pool of W worker threads (--spawn: a new thread per task)",
  description:
    "Runs the body (the inside of `async function (task)`) as N tasks on W persistent worker threads (piscina); with --spawn, on a new worker per task, at most W at once. " +
    "Each worker has its own heap: the body cannot see notebook variables (copy them in with --input NAME), and its imports are loaded once per worker. " +
    "Worker start-up is measured on its own line. " +
    MODEL_MAGIC_OUTCOME,
  options: threadsOptions,
  run(options, body, ctx, argLine) {
    if (options.spawn && options.schedule.kind !== "dynamic") {
      throw new UsageError(`%%threads: --schedule ${describeSchedule(options.schedule)} does not apply with --spawn, where every task has a worker of its own: drop one of the two`);
    }
    const magicLine = magicLineOf("threads", argLine);
    return runModelMagic({ magic: "threads", specs: threadsOptions, options, magicLine, ctx }, body, (o) => threadsPlan(o, magicLine));
  },
  bodyModule: (options, body, notebook, argLine) => taskBodyModule([threadsPlan(options, magicLineOf("threads", argLine))], body, notebook),
});
