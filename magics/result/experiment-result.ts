/**
 * The result of %%sync, %%async, %%threads or %%processes: plain, JSON-serialisable data. Its
 * display (a table) is attached as a non-enumerable method, so JSON.stringify sees only data.
 */

/** Where the numbers came from; travels with every result. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  totalMemoryBytes: number;
  node: string;
  v8: string;
  os: string;
}

/** The runtime that ran the body: Node for the TypeScript magics, the interpreter %%python ran. */
export interface RuntimeInfo {
  /** "node", or Python's sys.implementation.name ("cpython"). */
  implementation: string;
  /** "20.19.0", "3.11.2" */
  version: string;
  /** Python: whether the interpreter was built with the GIL or free-threaded (sysconfig's Py_GIL_DISABLED). */
  build?: "GIL" | "free-threaded";
  /** Python: whether the GIL was on while the body ran (sys._is_gil_enabled() where it exists, 3.13 on; always on before). */
  gilEnabled?: boolean;
  /** Python: the interpreter's path. */
  executable?: string;
}

/**
 * The four models of the Node magics. %%python's results name the same models: asyncio is "async",
 * a thread per task is "threads" with options.spawn, so whatever reads a Node result reads a
 * CPython one alike; `runtime` tells them apart.
 */
export type ModelName = "sync" | "async" | "threads" | "processes";

/** The median of several runs and their range; `of` says how many runs. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  of: number;
}

/** Per task of one run, by task index. Times are ms from the run's start. */
export interface TaskSpans {
  start: number[];
  end: number[];
  /** The thread id (threads; 0 is the main thread) or the pid (processes) that ran the task. */
  lane: number[];
  ok: boolean[];
}

/** A task that threw (or did not finish), with a stack in the cell's own line numbers. */
export interface TaskFailure {
  index: number;
  name: string;
  message: string;
  stack: string;
}

/** One worker or child process. */
export interface LaneMeasurement {
  lane: number;
  /** V8 heap in use after its last batch. */
  heapUsedBytes: number;
  /** Child processes only: their RSS after the run, and their highest RSS during it (sampled off the main thread). */
  rssBytes?: number;
  peakRssBytes?: number;
  /** Child processes only: the CPU of the whole process during the run (all its threads, not only the body's). */
  processCpuUserMs?: number;
  processCpuSystemMs?: number;
  /** The CPU of the thread that ran the body in this lane during the run: the pool worker, the spawned worker (around its body), the child process's main thread. */
  cpuUserMs?: number;
  cpuSystemMs?: number;
}

/** How busy the machine was during a run, from /proc/stat and the load average (Linux). */
export interface MachineLoad {
  /** Cores this kernel may use (os.availableParallelism()). */
  cores: number;
  /** Cores' worth of CPU that processes other than this kernel and its children used, on average over the run. */
  otherProcessesCores: number;
  /** Cores' worth of CPU this kernel and its children used over the run. */
  kernelCores: number;
  /** All the machine's CPU over the run, from /proc/stat's 10 ms ticks: a run's own figure is that coarse (absent off Linux and in older results). */
  machineCpuMs?: number;
  /** The 1-minute load average at the run's end. */
  loadAverage1m: number;
}

export interface RunMeasurement {
  wallMs: number;
  /** CPU of the kernel's process (all its threads, the harness's included). */
  cpuUserMs: number;
  cpuSystemMs: number;
  /** CPU of what ran the body: the main thread (sync, async), the worker threads (threads), the child processes (processes). */
  bodyCpuUserMs: number;
  bodyCpuSystemMs: number;
  /** CPU of conclab's own threads during the run: the I/O thread, the resource monitor, the loopback server, and the main thread when the body runs elsewhere. */
  harnessCpuMs: number;
  /** The rest of the kernel's CPU during the run: V8's and Node's helper threads (GC, compilation, libuv's pool), which serve the body and the kernel alike. */
  helperThreadsCpuMs: number;
  /** --spawn: CPU its workers used to start, from creation to their body, inside the run. */
  startupCpuMs?: number;
  load: MachineLoad;
  /** %%processes: CPU of the child processes during the run. */
  childCpuUserMs?: number;
  childCpuSystemMs?: number;
  rssBaselineBytes: number;
  /** Highest RSS of the whole process tree (the kernel and its child processes) during the run, above the baseline taken just before it (sampled every 20 ms off the main thread). */
  peakRssAboveBaselineBytes: number;
  heapUsedMainBytes: number;
  lanes: LaneMeasurement[];
  /** Event-loop delay of the main thread that hands out the tasks, during the run: the kernel's; for %%python, the harness's main thread's asyncio loop, where a GUI's loop would be (the kernel's when the interpreter ended before reporting it). */
  loopDelayMs: { p50: number; p99: number; max: number };
  /** Share of the run the main thread's event loop was busy (0 to 1). */
  loopUtilization: number;
  contextSwitches: { voluntary: number; involuntary: number };
  /** Live threads of the process before, at most during, and after the run (Linux). */
  threads?: { before: number; peak: number; after: number };
  tasks: TaskSpans;
  /** RSS over the run, for the memory-over-time chart (thinned to a few hundred points). */
  memory?: MemorySamples;
  ok: number;
  failed: number;
  failures: TaskFailure[];
}

/** RSS sampled off the main thread during a run: `t` in ms from the run's start, bytes above the run's baseline. */
export interface MemorySamples {
  t: number[];
  rssAboveBaselineBytes: number[];
}

/** Worker or process start-up, measured apart from the runs. */
export interface StartupMeasurement {
  /** e.g. "2 worker threads" */
  what: string;
  lanes: number;
  /** Until every lane could take tasks (for --spawn: the median of the tasks' own start-ups). */
  wallMs: number;
  /** RSS the started lanes hold (not for --spawn, whose workers come and go). */
  rssAboveBaselineBytes?: number;
  /** --spawn: each task's worker, from creation to running the body, over all measured runs: what the runs paid. */
  perTaskMs?: Spread;
  /** --spawn: one worker started alone before the runs, from creation to where it would run the body: what a worker costs. */
  aloneMs?: number;
  /** --spawn: the most worker starts under way at once in any run (above 1, starts contended for the cores). */
  startsAtOnce?: number;
}

export interface ExperimentOptions {
  tasks: number;
  repeat: number;
  warmup: number;
  timeoutSeconds?: number;
  input: string[];
  name?: string;
  serverLatencyMs: number;
  serverBytes: number;
  concurrency?: number;
  workers?: number;
  spawn?: boolean;
  schedule?: string;
  maxMemoryMb?: number;
}

export interface ExperimentSummary {
  wallMs: Spread;
  /** User + system, including child processes. */
  cpuMs: Spread;
  /** User + system of what ran the body (see RunMeasurement.bodyCpuUserMs). */
  bodyCpuMs: Spread;
  peakRssAboveBaselineBytes: Spread;
  heapUsedMainBytes: Spread;
  loopDelayP99Ms: Spread;
  loopDelayMaxMs: Spread;
  loopUtilization: Spread;
  voluntaryContextSwitches: Spread;
  involuntaryContextSwitches: Spread;
  peakThreads?: Spread;
  /** Of the last run. */
  tasksOk: number;
  tasksFailed: number;
}

interface ExperimentCommon {
  kind: "conclab.experiment";
  model: ModelName;
  /** The magic's first line as written, e.g. "%%threads --workers 2". */
  magicLine: string;
  options: ExperimentOptions;
  machine: MachineInfo;
  runtime: RuntimeInfo;
  /** ISO time the experiment started. */
  startedAt: string;
  startup?: StartupMeasurement;
  /** The measured runs (warm-up runs are not kept). */
  runs: RunMeasurement[];
  summary: ExperimentSummary;
}

export interface CompletedExperiment extends ExperimentCommon {
  state: "completed";
}

export interface TimedOutExperiment extends ExperimentCommon {
  state: "timed-out";
  /**
   * The run that passed --timeout; later runs did not start. `unfinished`: tasks that had not settled
   * (failures named TimeoutError); `stopped`: all the tasks the time-out ended, those included with
   * the ones that failed once task.signal aborted (an aborted task.sleep, say).
   */
  timeout: { seconds: number; run: number; unfinished: number; stopped: number };
}

export type ExperimentResult = CompletedExperiment | TimedOutExperiment;

/** A model as %%compare names it: the four magics, and "spawn" for %%threads --spawn. */
export type CompareModelName = ModelName | "spawn";

/** One model's wall time against the first model's, paired round by round (each round ran every model once). */
export interface WallRatio {
  model: CompareModelName;
  /**
   * This model's wall time over the baseline's: exp of the median of the paired log ratios ln(wall / baseline wall),
   * one per round (the median per-round ratio); 1 for the baseline. With no round in which both ran whole
   * (a model whose first run timed out), the ratio of their median wall times.
   */
  ratio: number;
  /** Absent for the baseline and below MIN_TEST_ROUNDS (5) paired rounds. */
  test?: {
    /** The method in words, named in the table's notes. */
    method: string;
    /** Paired rounds the test used. */
    rounds: number;
    /** Achieved confidence of the interval, e.g. 0.96875: the exact coverage of the sign-test interval at these rounds. */
    confidence: number;
    interval: [number, number];
    /** The negligible threshold as a ratio distance, e.g. 0.02: within [1/1.02, 1.02] is negligible. */
    negligible: number;
    /** "no difference shown" means these runs could not tell the models apart, not that they are the same. */
    verdict: "slower" | "faster" | "negligible" | "no difference shown";
  };
}

/** %%compare: one body under several models, runs interleaved. experiments[0] is the baseline of the ratios. */
export interface ComparisonResult {
  kind: "conclab.comparison";
  magicLine: string;
  models: CompareModelName[];
  experiments: ExperimentResult[];
  ratios: WallRatio[];
  /** How the rounds ran, so the result can be re-analysed: order[r] = the model indexes in the order measured round r ran them (warm-ups not included), shuffled by seededRandom(seed). */
  rounds: { seed: number; order: number[][] };
  machine: MachineInfo;
  startedAt: string;
}

/** --sweep NAME=v1,v2,...: the experiment once per value, every point kept, in the order of `values`. */
export interface SweepResult {
  kind: "conclab.sweep";
  magicLine: string;
  /** tasks, workers, concurrency, or the name of a number the body reads from task.input. */
  parameter: string;
  values: number[];
  points: (ExperimentResult | ComparisonResult)[];
  machine: MachineInfo;
  startedAt: string;
}

/** Whatever a magic keeps as $last. */
export type ConclabResult = ExperimentResult | ComparisonResult | SweepResult;
