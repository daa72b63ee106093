import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { threadId } from "node:worker_threads";
import type { TaskContext, TaskServer } from "./task-context";
import { ServerAddress, loopbackClient } from "./loopback-client";
import { threadCpuMs } from "../../common/process-status";

/** How long task.spin busy-loops between looks at the thread's CPU clock. */
const SPIN_SLICE_MS = 1;

/** What every task of one run in one lane shares. */
export interface RunScope {
  count: number;
  input: unknown;
  signal: AbortSignal;
  server: ServerAddress | undefined;
}

/** The `task` a body gets, in whichever thread or process runs it. Small: one is made per task. */
export class LaneTaskContext implements TaskContext<unknown> {
  constructor(
    readonly index: number,
    private readonly scope: RunScope,
  ) {}

  get count(): number {
    return this.scope.count;
  }

  get input(): unknown {
    return this.scope.input;
  }

  get signal(): AbortSignal {
    return this.scope.signal;
  }

  get threadId(): number {
    return threadId;
  }

  get pid(): number {
    return process.pid;
  }

  sleep(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.scope.signal });
  }

  spin(ms: number): void {
    const cpuAtStart = threadCpuMs();
    if (cpuAtStart === undefined) {
      // No thread CPU clock (not Linux): wall time, which overstates the CPU on a busy machine.
      const until = performance.now() + ms;
      while (performance.now() < until);
      return;
    }
    // Busy slices of at most SPIN_SLICE_MS wall time, each followed by a look at the CPU clock (~3 µs).
    for (let used = 0; used < ms; used = threadCpuMs()! - cpuAtStart) {
      const sliceEnd = performance.now() + Math.min(SPIN_SLICE_MS, ms - used);
      while (performance.now() < sliceEnd);
    }
  }

  get server(): TaskServer {
    if (!this.scope.server) throw new Error("task.server is not running: the kernel starts it when the body mentions `server` (write task.server in the body)");
    return loopbackClient(this.scope.server, this.scope.signal);
  }
}
