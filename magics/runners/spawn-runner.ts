import type { Worker } from "node:worker_threads";
import type { LaneMeasurement } from "../result/experiment-result";
import { laneLostError } from "./lane-loss";
import { compiledFile } from "../../common/package-paths";
import type { Runner, RunnerStartup } from "./runner";
import { untilDoneOrAborted } from "../../common/abort";
import { ThreadWorkerData, isNotice } from "../lanes/lane-messages";
import { THREAD_ENTRY } from "./start-role-worker";
import { TaskTable, epochNow } from "../tasks/task-table";
import type { WorkerLaneOptions } from "./thread-pool-runner";
import { describeThrown } from "../tasks/thrown-error";

interface WorkerThreadsPool {
  acquire(filename: string, options: object, callback: (error: Error | null, worker: Worker) => void): void;
  destroy(callback?: () => void): void;
}
// worker-threads-pool ships no types; its API is the two methods above.
const WorkerPool = require("worker-threads-pool") as new (options: { max: number }) => WorkerThreadsPool;

/**
 * %%threads --spawn: a new worker per task, at most W at once (thread-per-task). A task's span
 * runs from its worker's creation to its answer: start-up is the point of this model.
 */
export class SpawnRunner implements Runner {
  private readonly pool: WorkerThreadsPool;
  private readonly live = new Set<Worker>();
  private readonly heaps = new Map<number, number>();
  private startups: number[] = [];

  constructor(private readonly options: WorkerLaneOptions) {
    this.pool = new WorkerPool({ max: options.workers });
  }

  async start(): Promise<RunnerStartup | undefined> {
    return undefined;
  }

  run(table: TaskTable, _runId: number, signal: AbortSignal): Promise<void> {
    this.startups = [];
    const all = new Promise<void>((resolve) => {
      let next = 0;
      let active = 0;
      const launch = () => {
        // Acquire only as many as may run: worker-threads-pool would otherwise queue all N and keep starting them after an abort.
        while (active < this.options.workers && next < table.count && !signal.aborted) {
          active++;
          const index = next++;
          // A spawn that throws (no compiled thread entry, say) fails its task instead of leaving the run waiting for it.
          void this.spawn(table, index, signal)
            .catch((e: unknown) => table.fail(index, describeThrown(e)))
            .then(() => {
              active--;
              launch();
            });
        }
        if (active === 0) resolve();
      };
      launch();
    });
    return untilDoneOrAborted(all, signal);
  }

  private spawn(table: TaskTable, index: number, signal: AbortSignal): Promise<void> {
    const { setup, maxMemoryMb } = this.options;
    const createdAt = epochNow();
    table.beginAt(index, 0, createdAt);
    const workerData: ThreadWorkerData = { role: "spawned-task", lane: setup, table: table.buffers, index };
    const options = { workerData, resourceLimits: maxMemoryMb ? { maxOldGenerationSizeMb: maxMemoryMb } : undefined };
    return new Promise<void>((resolve) => {
      this.pool.acquire(compiledFile(THREAD_ENTRY), options, (error, worker) => {
        if (error) {
          table.fail(index, describeThrown(error));
          return resolve();
        }
        this.live.add(worker);
        let answered = false;
        worker.on("message", (m: unknown) => {
          if (!isNotice(m, "spawned-task-done")) return;
          answered = true;
          table.restart(index, createdAt);
          if (m.error) table.fail(index, m.error);
          else table.succeed(index, m.value);
          this.startups.push(m.bodyStartEpochMs - createdAt);
          this.heaps.set(table.lanes[index], m.heapUsedBytes);
          void worker.terminate();
        });
        worker.on("error", (e: Error) => {
          if (answered || signal.aborted) return;
          answered = true;
          table.fail(index, laneLostError("worker thread", table.lanes[index], `it failed: ${e.message}`));
        });
        worker.on("exit", (code) => {
          this.live.delete(worker);
          if (!answered && !signal.aborted) table.fail(index, laneLostError("worker thread", table.lanes[index], `it exited with code ${code}`));
          resolve();
        });
      });
    });
  }

  taskStartups(): number[] {
    return this.startups;
  }

  lanes(): LaneMeasurement[] {
    return [...this.heaps].map(([lane, heapUsedBytes]) => ({ lane, heapUsedBytes }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.live].map((w) => w.terminate()));
    await new Promise<void>((resolve) => this.pool.destroy(resolve));
  }
}
