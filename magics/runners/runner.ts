import type { LaneMeasurement, RunMeasurement, RuntimeInfo } from "../result/experiment-result";
import type { TaskTable } from "../tasks/task-table";

/** What a runner reports once its workers or processes are up. */
export interface RunnerStartup {
  /** e.g. "2 worker threads" */
  what: string;
  lanes: number;
  /** --spawn: one worker started alone, from creation to where it would run the body (ms). */
  aloneMs?: number;
}

/** A thread of this process that runs the body: its lane (as the task table records it) and its OS thread id. */
export interface BodyThread {
  lane: number;
  osThreadId: number;
}

/** One concurrency model: runs N tasks of the body, records them in a TaskTable. */
export interface Runner {
  /** Starts workers or processes and resolves when every one can take tasks; undefined for models that start nothing. */
  start(signal: AbortSignal): Promise<RunnerStartup | undefined>;
  /**
   * Runs every task once. Resolves when all have settled, or promptly once `signal` aborts
   * (unfinished tasks stay unfinished in the table). `deadlineEpochMs` is when --timeout will
   * abort `signal`; main-thread runners guard their synchronous work with it.
   */
  run(table: TaskTable, runId: number, signal: AbortSignal, deadlineEpochMs?: number): Promise<void>;
  /** Resolves once every lane is up, lanes lost in an earlier run replaced; called before each run, outside its measurement. */
  ready?(signal: AbortSignal): Promise<void>;
  /** Per worker or process, as of the last run; lanes outside this process's threads (spawned workers, child processes) report their own CPU. */
  lanes(): LaneMeasurement[];
  /** The threads of this process that run the body (the main thread, pool workers), whose CPU is read around each run. */
  bodyThreads?(): BodyThread[];
  /** --spawn: the CPU the last run's workers used before their body started (ms). */
  startupCpuMs?(): number;
  /** The child processes that run the body, whose memory counts in the run's. */
  processIds?(): number[];
  /** The CPU of those child processes over the last run, when its lanes are threads of them rather than the processes (%%python's thread models); otherwise the lanes' process CPU is summed. */
  processCpuMs?(): { userMs: number; systemMs: number };
  /** The last run's event-loop delay of the main thread that hands out the tasks, when that is not this process's (%%python's harness); undefined when it was not measured. */
  mainLoopDelayMs?(): Promise<RunMeasurement["loopDelayMs"] | undefined>;
  /** The runtime that ran the body, when it is not this Node process (%%python's interpreter). */
  runtime?(): RuntimeInfo | undefined;
  /** A lane per task (--spawn): what each task starts, and each task's start in the last run, from creation to starting the body (epoch ms). */
  taskStartups?(): TaskStartups;
  /** Ends every worker and process the runner started; resolves when they are gone. */
  close(): Promise<void>;
}

/** What a model that starts a lane per task reports of those starts. */
export interface TaskStartups {
  /** What each task starts, as a start-up's `what` says it ("a new worker thread per task"). */
  what: string;
  startups: { createdAt: number; bodyStartAt: number }[];
}
