import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { threadId } from "node:worker_threads";
import type { TaskContext, TaskServer } from "./task-context";
import { ServerAddress, loopbackClient } from "./loopback-client";

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
    const until = performance.now() + ms;
    while (performance.now() < until);
  }

  get server(): TaskServer {
    if (!this.scope.server) throw new Error("task.server is not running: the kernel starts it when the body mentions `server` (write task.server in the body)");
    return loopbackClient(this.scope.server, this.scope.signal);
  }
}
