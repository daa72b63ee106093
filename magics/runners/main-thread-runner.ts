import type { LaneMeasurement } from "../result/experiment-result";
import { runGuarded } from "./main-thread-guard";
import { withProcessExitGuarded } from "./process-exit-guard";
import type { BodyThread, Runner, RunnerStartup } from "./runner";
import { untilDoneOrAborted } from "../../common/abort";
import type { TaskExecutor } from "../tasks/task-executor";
import type { TaskTable } from "../tasks/task-table";

/** A model that runs tasks on the kernel's main thread: nothing to start, no lanes of its own. */
export abstract class MainThreadRunner implements Runner {
  private deadline: number | undefined;
  private stopped = false;

  constructor(
    protected readonly model: string,
    protected readonly executor: TaskExecutor,
  ) {}

  /** Resolves once every task has settled (or stops starting tasks once `signal` aborts). */
  protected abstract runAll(table: TaskTable, signal: AbortSignal): Promise<void>;

  async start(): Promise<RunnerStartup | undefined> {
    return undefined;
  }

  /** The main thread's OS id is the process id. */
  bodyThreads(): BodyThread[] {
    return [{ lane: 0, osThreadId: process.pid }];
  }

  run(table: TaskTable, _runId: number, signal: AbortSignal, deadlineEpochMs?: number): Promise<void> {
    this.deadline = deadlineEpochMs;
    this.stopped = false;
    return withProcessExitGuarded(this.model, () => untilDoneOrAborted(this.runAll(table, signal), signal));
  }

  /**
   * Starts tasks (runs their first synchronous segment) guarded: a body stuck in a loop is stopped
   * there by the interrupt (or --timeout), and the run then ends when its signal aborts. The guard
   * costs about 35 µs per call: once per batch under %%async, once per task under %%sync. Runaway
   * code after a body's first `await` is beyond this guard.
   */
  protected startTasks(start: () => void): boolean {
    if (this.stopped) return false;
    this.stopped = runGuarded(start, this.deadline) !== "done";
    return !this.stopped;
  }

  lanes(): LaneMeasurement[] {
    return [];
  }

  async close(): Promise<void> {}
}
