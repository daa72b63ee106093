import type { ThrownError } from "../tasks/thrown-error";
import { TaskState, TaskTable } from "../tasks/task-table";

/**
 * The error of a task whose worker or process ended under it: it `exited` (process.exit() in the
 * body, a signal) or it `failed` (out of memory under --max-memory, an uncaught error).
 */
export function laneLostError(kind: "worker thread" | "child process", id: number, cause: string, how: "exited" | "failed"): ThrownError {
  const why = how === "exited" ? `process.exit() in a body ends only its ${kind}, never the kernel` : `that ends only its ${kind}, never the kernel`;
  return { name: "LaneExitError", message: `the task ended its ${kind}${id ? ` ${id}` : ""} (${cause}); ${why}, and the other tasks carry on` };
}

/**
 * A batch whose worker or process ended before answering: the running task gets the error,
 * finished tasks keep their state (an ok task's value is lost), and the tasks it had not started
 * are returned as a range to run again.
 */
export function settleLostBatch(table: TaskTable, from: number, to: number, error: ThrownError, lostValue?: ThrownError): { from: number; to: number } | undefined {
  for (let i = from; i < to; i++) {
    const state = table.states[i];
    if (state === TaskState.pending) return { from: i, to };
    if (state === TaskState.running) table.fail(i, error);
    else if (state === TaskState.ok && lostValue) table.failAt(i, lostValue, table.epochMs + table.end(i));
    else if (state === TaskState.failed && !table.errors.has(i)) table.errors.set(i, { name: "Error", message: "the task failed, but its error was lost when its lane ended" });
  }
  return undefined;
}
