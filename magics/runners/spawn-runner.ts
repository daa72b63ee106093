import { Worker } from "node:worker_threads";
import type { LaneMeasurement } from "../result/experiment-result";
import { laneLostError } from "./lane-loss";
import { compiledFile } from "../../common/package-paths";
import type { Runner, RunnerStartup, TaskStartups } from "./runner";
import { abortable, untilDoneOrAborted } from "../../common/abort";
import { ThreadWorkerData, WorkerNotice, isNotice } from "../lanes/lane-messages";
import { THREAD_ENTRY } from "./start-role-worker";
import { TaskTable, epochNow } from "../tasks/task-table";
import type { WorkerLaneOptions } from "./thread-pool-runner";
import { describeThrown } from "../tasks/thrown-error";

/** What each task starts, in a start-up's words. */
const PER_TASK = "a new worker thread per task";

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
  /** The last run's workers, by lane: heap, and the CPU each measured around its body. */
  private runLanes = new Map<number, LaneMeasurement>();
  private startups: { createdAt: number; bodyStartAt: number }[] = [];
  /** CPU the last run's workers used before their body (a thread's CPU counts from its creation). */
  private startupCpu = 0;

  constructor(private readonly options: WorkerLaneOptions) {
    this.pool = new WorkerPool({ max: options.workers });
  }

  /** Starts one worker alone, to measure what a worker costs without others starting beside it. */
  async start(signal: AbortSignal): Promise<RunnerStartup> {
    const { setup, workers } = this.options;
    const createdAt = epochNow();
    const worker = new Worker(compiledFile(THREAD_ENTRY), { workerData: { role: "spawn-probe", lane: setup } satisfies ThreadWorkerData });
    try {
      const ready = await abortable(
        new Promise<Extract<WorkerNotice, { kind: "spawn-probe-ready" }>>((resolve, reject) => {
          worker.on("message", (m: unknown) => isNotice(m, "spawn-probe-ready") && resolve(m));
          worker.once("error", reject);
          worker.once("exit", (code) => reject(new Error(`the worker exited with code ${code} before it could run the body`)));
        }),
        signal,
      );
      return { what: PER_TASK, lanes: workers, aloneMs: ready.bodyStartEpochMs - createdAt };
    } finally {
      await worker.terminate();
    }
  }

  run(table: TaskTable, _runId: number, signal: AbortSignal): Promise<void> {
    this.startups = [];
    this.runLanes = new Map();
    this.startupCpu = 0;
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
          this.startups.push({ createdAt, bodyStartAt: m.bodyStartEpochMs });
          this.startupCpu += m.startupCpuMs ?? 0;
          this.runLanes.set(table.lanes[index], { lane: table.lanes[index], heapUsedBytes: m.heapUsedBytes, cpuUserMs: m.cpuUserMs, cpuSystemMs: m.cpuSystemMs });
          void worker.terminate();
        });
        worker.on("error", (e: Error) => {
          if (answered || signal.aborted) return;
          answered = true;
          table.fail(index, laneLostError("worker thread", table.lanes[index], `it failed: ${e.message}`, "failed"));
        });
        worker.on("exit", (code) => {
          this.live.delete(worker);
          if (!answered && !signal.aborted) table.fail(index, laneLostError("worker thread", table.lanes[index], `it exited with code ${code}`, "exited"));
          resolve();
        });
      });
    });
  }

  startupCpuMs(): number {
    return this.startupCpu;
  }

  taskStartups(): TaskStartups {
    return { what: PER_TASK, startups: this.startups };
  }

  /** The last run's workers: each reports the CPU of its own thread while it ran its body. */
  lanes(): LaneMeasurement[] {
    return [...this.runLanes.values()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.live].map((w) => w.terminate()));
    await new Promise<void>((resolve) => this.pool.destroy(resolve));
  }
}
