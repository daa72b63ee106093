import { MainThreadRunner } from "./main-thread-runner";
import type { TaskExecutor } from "../tasks/task-executor";
import type { TaskTable } from "../tasks/task-table";

/** %%async: tasks on the main thread's event loop, at most `concurrency` in flight. */
export class AsyncRunner extends MainThreadRunner {
  constructor(
    executor: TaskExecutor,
    private readonly concurrency: number,
  ) {
    super("async", executor);
  }

  protected runAll(table: TaskTable, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const count = table.count;
      const limit = Math.min(this.concurrency, count);
      let next = 0;
      let inFlight = 0;
      const startSome = () => {
        while (inFlight < limit && next < count && !signal.aborted) {
          inFlight++;
          this.executor.startTask(table, next++, signal, settled);
        }
      };
      // A stopped run (a stuck body) never resolves here: it ends when its signal aborts.
      const launch = () => this.startTasks(startSome) && inFlight === 0 && resolve();
      // Tasks that settle in the same turn free their slots together: refill them in one guarded call.
      let refillQueued = false;
      const refill = () => {
        refillQueued = false;
        launch();
      };
      function settled(): void {
        inFlight--;
        if (next < count) {
          if (!refillQueued) queueMicrotask(refill);
          refillQueued = true;
        } else if (inFlight === 0) resolve();
      }
      launch();
    });
  }
}
