import type { TaskSpans } from "../../magics/result/experiment-result";

/** Whether two tasks on different lanes ran at the same time. */
export function lanesOverlap(tasks: TaskSpans): boolean {
  for (let i = 0; i < tasks.start.length; i++) {
    for (let j = 0; j < tasks.start.length; j++) {
      if (tasks.lane[i] !== tasks.lane[j] && tasks.start[i] < tasks.end[j] && tasks.start[j] < tasks.end[i]) return true;
    }
  }
  return false;
}

/** The most tasks running at one moment. */
export function mostAtOnce(tasks: TaskSpans): number {
  const events = tasks.start.flatMap((start, i) => [[start, 1] as const, [tasks.end[i], -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let running = 0;
  let most = 0;
  for (const [, change] of events) most = Math.max(most, (running += change));
  return most;
}
