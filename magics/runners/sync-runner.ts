import { MainThreadRunner } from "./main-thread-runner";
import type { TaskExecutor } from "../tasks/task-executor";
import type { TaskTable } from "../tasks/task-table";

/** %%sync: one task after another on the main thread; the next starts when the last has settled. */
export class SyncRunner extends MainThreadRunner {
  constructor(executor: TaskExecutor) {
    super("sync", executor);
  }

  protected async runAll(table: TaskTable, signal: AbortSignal): Promise<void> {
    for (let index = 0; index < table.count && !signal.aborted; index++) {
      let task: Promise<void> | undefined;
      if (
        !this.startTasks(() => {
          task = this.executor.runTask(table, index, signal);
        })
      )
        return new Promise<void>(() => undefined);
      await task;
    }
  }
}
