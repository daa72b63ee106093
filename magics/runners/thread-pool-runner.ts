import Piscina from "piscina";
import type { LaneMeasurement } from "../result/experiment-result";
import { laneLostError, settleLostBatch } from "./lane-loss";
import { compiledFile } from "../../common/package-paths";
import { Batch, Schedule, describeSchedule, planBatches } from "./plan-batches";
import { broadcastAbort } from "../lanes/abort-broadcast";
import type { BodyThread, Runner, RunnerStartup } from "./runner";
import { abortable, until, untilDoneOrAborted } from "../../common/abort";
import { LaneSetup, PoolRequest, PoolResponse, ThreadWorkerData, isNotice } from "../lanes/lane-messages";
import { THREAD_ENTRY } from "./start-role-worker";
import type { TaskTable } from "../tasks/task-table";
import { unsendableValueError } from "../tasks/thrown-error";

export interface WorkerLaneOptions {
  setup: LaneSetup;
  table: TaskTable;
  workers: number;
  maxMemoryMb?: number;
  stderr(text: string): void;
}

/** %%threads: W persistent workers (a piscina pool); each message carries a range of task indices. */
export class ThreadPoolRunner implements Runner {
  private pool: Piscina | undefined;
  private readonly heaps = new Map<number, number>();
  /** Workers that have loaded the body: their thread id and OS thread id. */
  private readonly readyLanes = new Map<number, number | undefined>();

  constructor(
    private readonly options: WorkerLaneOptions,
    private readonly schedule: Schedule,
  ) {}

  async start(signal: AbortSignal): Promise<RunnerStartup> {
    const { setup, table, workers, maxMemoryMb } = this.options;
    const workerData: ThreadWorkerData = { role: "task-pool", lane: setup, table: table.buffers };
    const pool = new Piscina({
      filename: compiledFile(THREAD_ENTRY),
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 2 ** 31 - 1,
      concurrentTasksPerWorker: 1,
      workerData,
      resourceLimits: maxMemoryMb ? { maxOldGenerationSizeMb: maxMemoryMb } : undefined,
    });
    this.pool = pool;
    let failed: Error | undefined;
    pool.on("error", (e: Error) => {
      failed ??= e;
      this.options.stderr(`a pool worker failed outside any task: ${e.message}\n`);
    });
    pool.on("message", (m: unknown) => isNotice(m, "lane-ready") && this.readyLanes.set(m.threadId, m.osThreadId));
    await until(() => {
      if (failed) throw new Error(`the worker threads could not start: ${failed.message}`);
      return this.allLanesReady();
    }, signal);
    return { what: `${workers} worker thread${workers === 1 ? "" : "s"} (persistent pool, ${describeSchedule(this.schedule)} schedule)`, lanes: workers };
  }

  /**
   * piscina replaces a worker that ended; the replacement counts once it has loaded the body. Then
   * every worker collects its garbage (one request each: a worker takes one at a time).
   */
  async ready(signal: AbortSignal): Promise<void> {
    await until(() => this.allLanesReady(), signal);
    const pool = this.pool!;
    await abortable(Promise.all(Array.from({ length: this.options.workers }, () => pool.run("collect-garbage" satisfies PoolRequest))), signal);
  }

  private allLanesReady(): boolean {
    return this.pool!.threads.filter((w) => this.readyLanes.has(w.threadId)).length >= this.options.workers;
  }

  run(table: TaskTable, runId: number, signal: AbortSignal): Promise<void> {
    const pool = this.pool!;
    const all = new Promise<void>((resolve) => {
      let outstanding = 0;
      const settled = () => {
        if (--outstanding === 0) resolve();
      };
      const send = (batch: Batch) => {
        outstanding++;
        const request: PoolRequest = batch.to - batch.from === 1 ? batch.from : [batch.from, batch.to];
        (pool.run(request) as Promise<PoolResponse>).then(
          (response) => {
            this.accept(table, batch.from, response);
            settled();
          },
          (error: Error) => {
            const rest = signal.aborted ? undefined : this.recover(table, batch, error);
            if (rest) send(rest);
            settled();
          },
        );
      };
      for (const batch of planBatches(table.count, this.options.workers, this.schedule)) send(batch);
    });
    const onAbort = () => broadcastAbort(this.options.setup.abortChannel, runId);
    signal.addEventListener("abort", onAbort, { once: true });
    return untilDoneOrAborted(all, signal).finally(() => signal.removeEventListener("abort", onAbort));
  }

  private accept(table: TaskTable, from: number, response: PoolResponse): void {
    const values = Array.isArray(response) ? response : response.values;
    for (let i = 0; i < values.length; i++) table.values[from + i] = values[i];
    if (Array.isArray(response)) return;
    for (const [index, error] of response.errors ?? []) table.errors.set(index, error);
    if (response.heap) this.heaps.set(response.heap.threadId, response.heap.usedBytes);
  }

  /** The worker ended (process.exit in the body, a crash) or could not send its answer back. */
  private recover(table: TaskTable, batch: Batch, error: Error): Batch | undefined {
    const cloneFailed = error.name === "DataCloneError" || /could not be cloned/.test(error.message);
    const lost = cloneFailed
      ? unsendableValueError(error.message)
      : /exited with code/.test(error.message)
        ? laneLostError("worker thread", table.lanes[batch.from], `${error.message}; the pool started a new worker`, "exited")
        : laneLostError("worker thread", table.lanes[batch.from], `it failed: ${error.message}`, "failed");
    return settleLostBatch(table, batch.from, batch.to, lost, cloneFailed ? lost : undefined);
  }

  lanes(): LaneMeasurement[] {
    return [...this.heaps].map(([lane, heapUsedBytes]) => ({ lane, heapUsedBytes }));
  }

  bodyThreads(): BodyThread[] {
    return this.pool!.threads.flatMap((w) => {
      const osThreadId = this.readyLanes.get(w.threadId);
      return osThreadId === undefined ? [] : [{ lane: w.threadId, osThreadId }];
    });
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
