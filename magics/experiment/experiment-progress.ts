/** Live progress of a task magic: tasks counted while a run is in flight, reported to the display that shows it. */
import { performance } from "node:perf_hooks";
import type { ExperimentProgress, OnProgress } from "../render/live-progress";
import { TaskState, type TaskTable } from "../tasks/task-table";

/** What one experiment knows of its progress; the rest (label, point, elapsed time) comes from where it runs. */
export type RunProgress = Pick<ExperimentProgress, "run" | "runs" | "warmup" | "tasksDone" | "tasks">;

/** How often finished tasks are counted while a run is in flight. */
const COUNT_EVERY_MS = 200;

/** Settled tasks of the run in `table`: one pass over its states (a few µs per thousand tasks). */
function settledTasks(table: TaskTable): number {
  let done = 0;
  for (let i = 0; i < table.count; i++) if (table.states[i] === TaskState.ok || table.states[i] === TaskState.failed) done++;
  return done;
}

/**
 * Reports `start` now, then the count of finished tasks of run `runId` every 200 ms while it is in flight
 * (only when it changed) and once at the end. Returns the function that ends the watch.
 */
export function watchRun(table: TaskTable, runId: number, start: RunProgress, report: (progress: RunProgress) => void): () => void {
  report(start);
  let reported = start.tasksDone;
  const reportDone = () => {
    // Until the run resets the table, its states are the last run's.
    if (table.runId !== runId) return;
    const tasksDone = settledTasks(table);
    if (tasksDone === reported) return;
    reported = tasksDone;
    report({ ...start, tasksDone });
  };
  const timer = setInterval(reportDone, COUNT_EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    reportDone();
  };
}

/** The elapsed time and label around an experiment's own progress. */
export function progressReporter(onProgress: OnProgress | undefined, label: string, startedAt: number, point?: ExperimentProgress["point"]): ((progress: RunProgress) => void) | undefined {
  return onProgress && ((progress) => onProgress({ label, ...progress, elapsedMs: performance.now() - startedAt, ...(point ? { point } : {}) }));
}
