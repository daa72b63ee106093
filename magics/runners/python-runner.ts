import { ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { createInterface } from "node:readline";
import type { LaneMeasurement, RunMeasurement, RuntimeInfo } from "../result/experiment-result";
import { packageFile } from "../../common/package-paths";
import { abortable, untilDoneOrAborted } from "../../common/abort";
import type { Runner, RunnerStartup, TaskStartups } from "./runner";
import type { ServerAddress } from "../tasks/loopback-client";
import { TaskState, TaskTable, epochNow } from "../tasks/task-table";
import type { ThrownError } from "../tasks/thrown-error";
import { PythonBodyError } from "../body/python-body-error";

export const PYTHON_HARNESS = "magics/lanes/python-harness.py";

/** %%python's models, as the harness names them. */
export type PythonModel = "sync" | "asyncio" | "threads" | "spawn" | "processes";

/** What the harness is started with: the body, the model and the tasks' inputs. */
export interface PythonSetup {
  model: PythonModel;
  body: string;
  /** The cell line of the body's first line. */
  firstLine: number;
  count: number;
  workers: number;
  concurrency?: number;
  input: unknown;
  server?: ServerAddress;
}

export interface PythonRunnerOptions {
  python: string;
  setup: PythonSetup;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The harness's events (magics/lanes/python-harness.py), one JSON line each. Times are CLOCK_MONOTONIC ms. */
type HarnessEvent =
  | { kind: "ready"; pid: number; runtime: RuntimeInfo; startup: { what: string; lanes: number } | null }
  | { kind: "body-error"; name: string; message: string; line: number; column: number; text: string }
  | { kind: "processes"; pids: number[] }
  | { kind: "task"; index: number; lane: number; start: number; end: number; value?: unknown; error?: ThrownError; cpuMs?: number; createdAt?: number }
  | { kind: "run-done"; run: number; cpu: { userMs: number; systemMs: number }; workers?: { lane: number; userMs: number; systemMs: number }[] }
  | { kind: "armed" }
  | { kind: "loop-delay"; run: number; loopDelayMs: LoopDelay };

type LoopDelay = RunMeasurement["loopDelayMs"];

/** Epoch ms minus CLOCK_MONOTONIC ms (process.hrtime's clock, and Python's time.monotonic_ns): the harness's times placed on the task table's. */
const MONOTONIC_TO_EPOCH_MS = epochNow() - Number(process.hrtime.bigint()) / 1e6;

/** How long a harness gets to answer its setup before start() gives up. */
const START_TIMEOUT_MS = 60_000;

/**
 * %%python: the body runs in a CPython harness process (and its worker processes under
 * --model processes), started in a process group of its own so that an interrupt, a --timeout or
 * close() ends the whole tree with one signal. The harness reports each task's span, taken in the
 * body's own frame, and each run's CPU; this side fills the task table from them.
 */
export class PythonRunner implements Runner {
  private child: ChildProcess | undefined;
  private harnessPid = 0;
  private workerPids: number[] = [];
  private runtimeInfo: RuntimeInfo | undefined;
  private onEvent: ((event: HarnessEvent) => void) | undefined;
  private lastLanes: LaneMeasurement[] = [];
  private lastProcessCpu = { userMs: 0, systemMs: 0 };
  private startups: { createdAt: number; bodyStartAt: number }[] = [];
  private lastLoopDelay: Promise<LoopDelay> | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly options: PythonRunnerOptions) {}

  async start(signal: AbortSignal): Promise<RunnerStartup | undefined> {
    const ready = await abortable(this.startHarness(), signal);
    return ready.startup ? { what: `${ready.startup.what}, ${describeRuntime(ready.runtime)}`, lanes: ready.startup.lanes } : undefined;
  }

  /** Starts the harness and resolves with its "ready" event; rejects with a PythonBodyError for a body that does not compile. */
  private startHarness(): Promise<Extract<HarnessEvent, { kind: "ready" }>> {
    const { python, setup, stdout, stderr } = this.options;
    const child = spawn(python, ["-u", packageFile(PYTHON_HARNESS), "3"], { stdio: ["pipe", "pipe", "pipe", "pipe"], detached: true });
    this.child = child;
    this.exited = once(child, "exit").then(() => undefined, () => undefined);
    child.stdout.on("data", (chunk: Buffer) => stdout(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => stderr(chunk.toString()));
    createInterface({ input: child.stdio[3] as Readable }).on("line", (line) => this.onEvent?.(JSON.parse(line) as HarnessEvent));
    // Writing to a harness that has exited fails with EPIPE; the exit itself is what the run reports.
    child.stdin.on("error", () => undefined);
    child.stdin.write(`${JSON.stringify(setup)}\n`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${python} did not start the harness within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      const settle = () => clearTimeout(timer);
      child.once("error", (e) => (settle(), reject(new Error(`could not start ${python}: ${e.message}`))));
      child.once("exit", (code, signalName) => {
        settle();
        void stderrRead(child).then(() => reject(new Error(`${python} exited (${exitCause(code, signalName)}) before the harness was ready; its stderr is above`)));
      });
      this.onEvent = (event) => {
        if (event.kind === "processes") this.workerPids = event.pids;
        else if (event.kind === "body-error") {
          settle();
          reject(new PythonBodyError(event, setup.body.split("\n")));
        } else if (event.kind === "ready") {
          settle();
          this.harnessPid = event.pid;
          this.runtimeInfo = event.runtime;
          resolve(event);
        }
      };
    });
  }

  /**
   * A harness that ended in an earlier run (os._exit in a task ends the interpreter) is started
   * again; then its main-loop probe's window begins, so that waiting for the probe's tick is not in the run.
   */
  async ready(signal: AbortSignal): Promise<void> {
    if (!this.running()) await abortable(this.startHarness(), signal);
    const child = this.child!;
    const armed = new Promise<boolean>((resolve) => (this.onEvent = (event) => event.kind === "armed" && resolve(true)));
    (child.stdin as Writable).write(`${JSON.stringify({ kind: "arm" })}\n`);
    if (!(await abortable(Promise.race([armed, this.exited.then(() => false)]), signal))) {
      await stderrRead(child);
      throw new Error(`${this.options.python} exited (${exitCause(child.exitCode, child.signalCode)}) while it was made ready for a run, before any task of the run started; its stderr is above`);
    }
  }

  private running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  run(table: TaskTable, runId: number, signal: AbortSignal): Promise<void> {
    const child = this.child!;
    const lanes = new Map<number, number>();
    this.startups = [];
    let loopDelayOf: (delay: LoopDelay) => void = () => undefined;
    this.lastLoopDelay = new Promise((resolve) => (loopDelayOf = resolve));
    const done = new Promise<void>((resolve) => {
      const onExit = (code: number | null, signalName: string | null) => {
        if (signal.aborted) return resolve();
        const error: ThrownError = {
          name: "LaneExitError",
          message: `the Python process exited (${exitCause(code, signalName)}) while this task was unfinished: os._exit() or a crash in a task ends the whole interpreter, whose threads all tasks share in this model (a new one is started for the next run)`,
        };
        for (let i = 0; i < table.count; i++) if (table.states[i] !== TaskState.ok && table.states[i] !== TaskState.failed) table.fail(i, error);
        resolve();
      };
      child.once("exit", onExit);
      this.onEvent = (event) => {
        if (event.kind === "processes") this.workerPids = event.pids;
        else if (event.kind === "task") {
          const start = event.start + MONOTONIC_TO_EPOCH_MS;
          table.beginAt(event.index, event.lane, event.createdAt !== undefined ? event.createdAt + MONOTONIC_TO_EPOCH_MS : start);
          if (event.createdAt !== undefined) this.startups.push({ createdAt: event.createdAt + MONOTONIC_TO_EPOCH_MS, bodyStartAt: start });
          if (event.error) table.failAt(event.index, event.error, event.end + MONOTONIC_TO_EPOCH_MS);
          else table.succeedAt(event.index, event.value, event.end + MONOTONIC_TO_EPOCH_MS);
          if (event.cpuMs !== undefined) lanes.set(event.lane, (lanes.get(event.lane) ?? 0) + event.cpuMs);
        } else if (event.kind === "loop-delay" && event.run === runId) loopDelayOf(event.loopDelayMs);
        else if (event.kind === "run-done" && event.run === runId) {
          child.off("exit", onExit);
          this.lastProcessCpu = { userMs: event.cpu.userMs + sum(event.workers?.map((w) => w.userMs)), systemMs: event.cpu.systemMs + sum(event.workers?.map((w) => w.systemMs)) };
          this.lastLanes = event.workers
            ? event.workers.map((w) => ({ lane: w.lane, heapUsedBytes: 0, cpuUserMs: w.userMs, cpuSystemMs: w.systemMs, processCpuUserMs: w.userMs, processCpuSystemMs: w.systemMs }))
            : threadLanes(lanes, event.cpu, this.harnessPid);
          resolve();
        }
      };
    });
    (child.stdin as Writable).write(`${JSON.stringify({ kind: "run", run: runId })}\n`);
    // An interrupt or --timeout ends the whole Python tree at once: no Python code is left running.
    const onAbort = () => this.killTree();
    signal.addEventListener("abort", onAbort, { once: true });
    return untilDoneOrAborted(done, signal).finally(() => signal.removeEventListener("abort", onAbort));
  }

  lanes(): LaneMeasurement[] {
    return this.lastLanes;
  }

  processCpuMs(): { userMs: number; systemMs: number } {
    return this.lastProcessCpu;
  }

  /**
   * The last run's delay of the harness's main-thread event loop, where a GUI's loop would be (the
   * harness reports it one probe tick after the run); undefined when the run ended without it (the
   * interpreter exited, the tree was killed).
   */
  async mainLoopDelayMs(): Promise<LoopDelay | undefined> {
    if (!this.lastLoopDelay) return undefined;
    return Promise.race([this.lastLoopDelay, this.exited.then(() => undefined)]);
  }

  processIds(): number[] {
    return this.harnessPid ? [this.harnessPid, ...this.workerPids] : [];
  }

  /** Only the spawn model's tasks start a lane of their own, so only its tasks report a start. */
  taskStartups(): TaskStartups {
    return { what: "a new threading.Thread per task", startups: this.startups };
  }

  runtime(): RuntimeInfo | undefined {
    return this.runtimeInfo;
  }

  async close(): Promise<void> {
    this.killTree();
    await this.exited;
  }

  /** SIGKILL to the harness's process group: the harness, its worker processes and multiprocessing's forkserver. */
  private killTree(): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** "CPython 3.11.2 (GIL)" */
export function describeRuntime(runtime: RuntimeInfo): string {
  const name = runtime.implementation === "cpython" ? "CPython" : runtime.implementation;
  const gil = runtime.build === "free-threaded" ? `free-threaded, GIL ${runtime.gilEnabled ? "on" : "off"}` : "GIL";
  return `${name} ${runtime.version} (${gil})`;
}

/** How long an exited harness's last stderr may take to arrive (its worker processes can hold the pipe open). */
const STDERR_AFTER_EXIT_MS = 1000;

/** Resolves once what an exited harness wrote to stderr has been read, so that an error saying "its stderr is above" comes after it. */
async function stderrRead(child: ChildProcess): Promise<void> {
  const stderr = child.stderr;
  if (!stderr || stderr.readableEnded || stderr.destroyed) return;
  await once(stderr, "close", { signal: AbortSignal.timeout(STDERR_AFTER_EXIT_MS) }).catch(() => undefined);
}

/** "code 3", "signal SIGKILL": how a process ended, as its exit event says. */
function exitCause(code: number | null, signalName: string | null): string {
  return code !== null ? `code ${code}` : `signal ${signalName}`;
}

function sum(values: number[] | undefined): number {
  return (values ?? []).reduce((a, b) => a + b, 0);
}

/**
 * The lanes of the thread models: each thread's CPU over its tasks (time.thread_time in the body's
 * thread), split into user and system as the harness process's CPU split over the run. With no
 * thread CPU reported (asyncio, whose tasks share one thread), the one lane is the process's CPU.
 */
function threadLanes(cpuByLane: Map<number, number>, processCpu: { userMs: number; systemMs: number }, harnessPid: number): LaneMeasurement[] {
  const total = processCpu.userMs + processCpu.systemMs;
  const userShare = total > 0 ? processCpu.userMs / total : 1;
  if (cpuByLane.size === 0) return [{ lane: harnessPid, heapUsedBytes: 0, cpuUserMs: processCpu.userMs, cpuSystemMs: processCpu.systemMs }];
  return [...cpuByLane].map(([lane, cpuMs]) => ({ lane, heapUsedBytes: 0, cpuUserMs: cpuMs * userShare, cpuSystemMs: cpuMs * (1 - userShare) }));
}
