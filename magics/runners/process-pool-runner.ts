import { ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import type { LaneMeasurement } from "../result/experiment-result";
import { UsageError } from "../framework/usage-error";
import { laneLostError, settleLostBatch } from "./lane-loss";
import { compiledFile } from "../../common/package-paths";
import { Batch, Schedule, describeSchedule, planBatches } from "./plan-batches";
import type { Runner, RunnerStartup } from "./runner";
import { abortable, until, untilDoneOrAborted } from "../../common/abort";
import type { FromChildProcess, LaneSetup, ToChildProcess } from "../lanes/lane-messages";
import type { TaskTable } from "../tasks/task-table";

export const PROCESS_ENTRY = "magics/lanes/process-entry.js";

interface ChildLane {
  child: ChildProcess;
  pid: number;
  /** The batch it runs and its next task not yet reported. */
  batch?: Batch & { next: number };
  heapUsedBytes: number;
  rssBytes: number;
  /** The process's CPU so far (all its threads), as of its last message, and as of the run's start. */
  cpuMicros: { user: number; system: number };
  cpuAtRunStart: { user: number; system: number };
  /** The CPU of the thread that ran the body, over the run's batches. */
  bodyCpu: { userMs: number; systemMs: number };
  /** Called when the child answers collect-garbage. */
  collected?: () => void;
}

/** The run in progress: where results go, and what is left to hand out. */
interface ActiveRun {
  table: TaskTable;
  runId: number;
  queue: Batch[];
  done(): void;
}

export interface ProcessLaneOptions {
  setup: LaneSetup;
  workers: number;
  maxMemoryMb?: number;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** %%processes: W child processes (child_process.fork of the compiled entry), fed ranges of tasks. */
export class ProcessPoolRunner implements Runner {
  private readonly lanesByPid = new Map<number, ChildLane>();
  /** Every child forked and not yet exited, ready or not: close() ends them all. */
  private readonly children = new Set<ChildProcess>();
  private active: ActiveRun | undefined;
  private closing = false;

  constructor(
    private readonly options: ProcessLaneOptions,
    private readonly schedule: Schedule,
  ) {}

  async start(signal: AbortSignal): Promise<RunnerStartup> {
    await abortable(Promise.all(Array.from({ length: this.options.workers }, () => this.startChild())), signal);
    const n = this.options.workers;
    return { what: `${n} child process${n === 1 ? "" : "es"} (${describeSchedule(this.schedule)} schedule)`, lanes: n };
  }

  private async startChild(): Promise<ChildLane> {
    const { maxMemoryMb, stdout, stderr, setup } = this.options;
    if (this.closing) throw new Error("the process pool is closing");
    const child = fork(compiledFile(PROCESS_ENTRY), [], {
      serialization: "advanced",
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      execArgv: maxMemoryMb ? [`--max-old-space-size=${maxMemoryMb}`] : [],
    });
    child.stdout!.on("data", (chunk: Buffer) => stdout(chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => stderr(chunk.toString()));
    child.on("error", (e) => stderr(`a child process failed: ${e.message}\n`));
    this.children.add(child);
    child.on("exit", () => this.children.delete(child));
    try {
      this.send(child, { kind: "setup", lane: setup });
    } catch (e) {
      child.kill("SIGKILL");
      throw new UsageError(`%%processes: --input cannot be sent to a child process: ${(e as Error).message}. Child processes have memory of their own: SharedArrayBuffers cannot be shared with them, and functions cannot be copied (use %%threads to share a SharedArrayBuffer)`);
    }
    const ready = await new Promise<FromChildProcess>((resolve, reject) => {
      child.once("message", resolve);
      child.once("exit", (code) => reject(new Error(`a child process exited with code ${code} before it was ready`)));
    });
    if (ready.kind !== "ready") throw new Error(`a child process answered ${ready.kind} before it was ready`);
    const cpuMicros = { user: ready.cpuUserMicros, system: ready.cpuSystemMicros };
    const lane: ChildLane = { child, pid: ready.pid, heapUsedBytes: 0, rssBytes: 0, cpuMicros, cpuAtRunStart: cpuMicros, bodyCpu: { userMs: 0, systemMs: 0 } };
    this.lanesByPid.set(lane.pid, lane);
    child.on("message", (m: FromChildProcess) => this.onMessage(lane, m));
    child.on("exit", (code, signalName) => this.onExit(lane, code, signalName));
    return lane;
  }

  /** Children lost in an earlier run are replaced as they exit; wait for the replacements, then have every child collect its garbage. */
  async ready(signal: AbortSignal): Promise<void> {
    await until(() => {
      if (this.children.size < this.options.workers) throw new Error(`only ${this.children.size} of ${this.options.workers} child processes are running: a replacement could not start (see the messages above)`);
      return this.lanesByPid.size >= this.options.workers;
    }, signal);
    const collected = [...this.lanesByPid.values()].map(
      (lane) =>
        new Promise<void>((resolve) => {
          lane.collected = resolve;
          lane.child.once("exit", () => resolve());
          this.send(lane.child, { kind: "collect-garbage" });
        }),
    );
    await abortable(Promise.all(collected), signal);
  }

  private send(child: ChildProcess, message: ToChildProcess): void {
    child.send(message);
  }

  run(table: TaskTable, runId: number, signal: AbortSignal): Promise<void> {
    const all = new Promise<void>((resolve) => {
      this.active = { table, runId, queue: planBatches(table.count, this.options.workers, this.schedule), done: resolve };
      for (const lane of this.lanesByPid.values()) Object.assign(lane, { cpuAtRunStart: { ...lane.cpuMicros }, bodyCpu: { userMs: 0, systemMs: 0 } });
      this.dispatch();
    });
    const onAbort = () => {
      for (const lane of this.lanesByPid.values()) if (lane.child.connected) this.send(lane.child, { kind: "abort", runId });
    };
    signal.addEventListener("abort", onAbort, { once: true });
    return untilDoneOrAborted(all, signal).finally(() => {
      signal.removeEventListener("abort", onAbort);
      this.active = undefined;
    });
  }

  /** Hands queued batches to idle children; finishes the run when nothing is queued or running. */
  private dispatch(): void {
    const run = this.active;
    if (!run) return;
    for (const lane of this.lanesByPid.values()) {
      if (lane.batch || run.queue.length === 0) continue;
      const batch = run.queue.shift()!;
      lane.batch = { ...batch, next: batch.from };
      run.table.begin(batch.from, lane.pid);
      this.send(lane.child, { kind: "batch", runId: run.runId, epochMs: run.table.epochMs, from: batch.from, to: batch.to });
    }
    if (run.queue.length === 0 && [...this.lanesByPid.values()].every((l) => !l.batch)) run.done();
  }

  private onMessage(lane: ChildLane, message: FromChildProcess): void {
    const run = this.active;
    if (message.kind === "task-done" && run && lane.batch) {
      const { table } = run;
      table.beginAt(message.index, lane.pid, table.epochMs + message.start);
      if ("error" in message && message.error) table.failAt(message.index, message.error, table.epochMs + message.end);
      else table.succeedAt(message.index, message.value, table.epochMs + message.end);
      lane.batch.next = message.index + 1;
      if (lane.batch.next < lane.batch.to) table.begin(lane.batch.next, lane.pid);
    } else if (message.kind === "batch-done") {
      const bodyCpu = { userMs: lane.bodyCpu.userMs + message.bodyCpuUserMs, systemMs: lane.bodyCpu.systemMs + message.bodyCpuSystemMs };
      Object.assign(lane, { heapUsedBytes: message.heapUsedBytes, rssBytes: message.rssBytes, cpuMicros: { user: message.cpuUserMicros, system: message.cpuSystemMicros }, bodyCpu, batch: undefined });
      this.dispatch();
    } else if (message.kind === "garbage-collected") {
      lane.cpuMicros = { user: message.cpuUserMicros, system: message.cpuSystemMicros };
      lane.collected?.();
    }
  }

  /** A child that exits while running a batch: its running task fails, the rest of its batch goes back in the queue, and a new child replaces it. */
  private onExit(lane: ChildLane, code: number | null, signalName: NodeJS.Signals | null): void {
    this.lanesByPid.delete(lane.pid);
    if (this.closing) return;
    const run = this.active;
    if (run && lane.batch) {
      // V8 aborts a process that passes its heap limit (--max-memory): SIGABRT, or exit code 134 through a shell.
      const outOfMemory = this.options.maxMemoryMb !== undefined && (signalName === "SIGABRT" || code === 134);
      const cause = outOfMemory ? `it ran out of memory: --max-memory ${this.options.maxMemoryMb} MB` : code !== null ? `it exited with code ${code}` : `it was killed by ${signalName}`;
      const rest = settleLostBatch(run.table, lane.batch.next, lane.batch.to, laneLostError("child process", lane.pid, cause, outOfMemory ? "failed" : "exited"));
      if (rest) run.queue.unshift(rest);
    }
    this.startChild().then(
      () => this.dispatch(),
      (e: Error) => this.options.stderr(`could not start a child process to replace ${lane.pid}: ${e.message}\n`),
    );
  }

  processIds(): number[] {
    return [...this.lanesByPid.keys()];
  }

  lanes(): LaneMeasurement[] {
    return [...this.lanesByPid.values()].map((l) => ({
      lane: l.pid,
      heapUsedBytes: l.heapUsedBytes,
      rssBytes: l.rssBytes,
      cpuUserMs: l.bodyCpu.userMs,
      cpuSystemMs: l.bodyCpu.systemMs,
      processCpuUserMs: (l.cpuMicros.user - l.cpuAtRunStart.user) / 1000,
      processCpuSystemMs: (l.cpuMicros.system - l.cpuAtRunStart.system) / 1000,
    }));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      [...this.children].map((child) => {
        const exited = once(child, "exit");
        child.kill("SIGKILL");
        return exited;
      }),
    );
  }
}
