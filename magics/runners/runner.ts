import type { LaneMeasurement } from "../result/experiment-result";
import type { TaskTable } from "../tasks/task-table";

/** What a runner reports once its workers or processes are up. */
export interface RunnerStartup {
  /** e.g. "2 worker threads" */
  what: string;
  lanes: number;
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
  /** Per worker or process, as of the last run. */
  lanes(): LaneMeasurement[];
  /** --spawn: how long each task's worker took from creation to starting the body, in the last run (ms). */
  taskStartups?(): number[];
  /** Ends every worker and process the runner started; resolves when they are gone. */
  close(): Promise<void>;
}
