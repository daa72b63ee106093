/** Options shared by the magics that run the body as tasks (%%sync, %%async, %%threads, %%processes, %%compare). */
import { availableParallelism } from "node:os";
import type { Schedule } from "../runners/plan-batches";
import { ParsedOptions, choice, flag, identifier, integer, manyOption, notebookVariable, option, optionalOption, positiveNumber } from "../framework/option-spec";
import { sweepValue } from "./sweep-value";
import { viewOptions } from "./view-options";

/** A worker thread costs an OS thread and a V8 heap; past this, a pool only adds memory and context switches. */
export const MAX_WORKERS = 256;

export const taskOptions = {
  tasks: option(integer("N", 1, 1_000_000), "how many tasks run the body", { default: 10 }),
  repeat: option(integer("R", 1, 1000), "measured runs; the table shows their median and min-max", { default: 3 }),
  warmup: option(integer("K", 0, 1000), "unmeasured runs before the measured ones (JIT warm-up)", { default: 0 }),
  timeout: optionalOption(
    positiveNumber("S", "seconds", 86_400),
    "stop a run that takes longer than S seconds: task.signal is aborted, workers and processes are ended; on the main thread a body stuck before its first await is stopped too (each task then starts inside a vm guard, tens of µs each)",
    { defaultText: "none" },
  ),
  input: manyOption(notebookVariable("NAME"), "copy notebook variables into the tasks as task.input (one name: its value; several: an object keyed by name)"),
  name: optionalOption(identifier("NAME"), "also keep the result as $results.NAME"),
  serverLatency: option(integer("MS", 0, 60_000), "per-request latency of task.server, the loopback HTTP server", { default: 10 }),
  serverBytes: option(integer("BYTES", 0, 100_000_000), "response size of task.server", { default: 1024 }),
  sweep: optionalOption(
    sweepValue,
    "run the experiment once per value and keep every point: tasks, workers or concurrency set that option; any other name is a number the body reads as task.input " +
      "(beside --input, task.input is an object with the --input names and NAME)",
    { defaultText: "no sweep" },
  ),
  ...viewOptions,
};

export type TaskOptions = ParsedOptions<typeof taskOptions>;

export function workersOption(what: string, perWorkerCost: string) {
  return option(
    integer("W", 1, MAX_WORKERS, `at most ${MAX_WORKERS}: each ${perWorkerCost}; more than that only adds memory and context switches`),
    `how many ${what} run tasks at once`,
    { default: availableParallelism(), defaultText: `the number of cores (${availableParallelism()})` },
  );
}

export const scheduleOption = option(
  choice<Schedule>("S", { dynamic: { kind: "dynamic" }, static: { kind: "static" } }, { chunk: { min: 1, max: 1_000_000, make: (size) => ({ kind: "chunk", size }) } }),
  "how tasks are handed out: dynamic (one per message), static (one contiguous share per lane) or chunk=K (K per message)",
  { default: { kind: "dynamic" }, defaultText: "dynamic" },
);

export const concurrencyOption = optionalOption(integer("C", 1, 1_000_000), "at most C tasks in flight", { defaultText: "all of them" });

export const maxMemoryOption = optionalOption(integer("MB", 16, 1_048_576), "old-generation heap limit of each worker or process, in MB", { defaultText: "Node's default" });

export const spawnOption = flag("start a new worker for every task (at most W at once) instead of a persistent pool");
