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
  /** Child processes only: their RSS, and the CPU they used during the run. */
  rssBytes?: number;
  cpuUserMs?: number;
  cpuSystemMs?: number;
}

export interface RunMeasurement {
  wallMs: number;
  /** CPU of the kernel's process (all its threads). */
  cpuUserMs: number;
  cpuSystemMs: number;
  /** %%processes: CPU of the child processes during the run. */
  childCpuUserMs?: number;
  childCpuSystemMs?: number;
  rssBaselineBytes: number;
  /** Highest RSS during the run, above the baseline taken just before it (sampled every 5 ms off the main thread). */
  peakRssAboveBaselineBytes: number;
  heapUsedMainBytes: number;
  lanes: LaneMeasurement[];
  /** Event-loop delay of the main thread during the run. */
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
  /** --spawn: each task's worker, from creation to running the body, over all measured runs. */
  perTaskMs?: Spread;
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
  /** The run that passed --timeout (its unfinished tasks are failures named TimeoutError); later runs did not start. */
  timeout: { seconds: number; run: number; unfinished: number };
}

export type ExperimentResult = CompletedExperiment | TimedOutExperiment;

/** A model as %%compare names it: the four magics, and "spawn" for %%threads --spawn. */
export type CompareModelName = ModelName | "spawn";

/** One model's wall time against the first model's, from runs interleaved with it. */
export interface WallRatio {
  model: CompareModelName;
  /** Median wall time of this model over the median of the first (below 1: faster). */
  ratio: number;
  /** With --repeat 5 or more: the test that says whether the difference is larger than the noise. */
  noise?: {
    /** How the interval and the verdict were computed, in words (e.g. "bootstrap 95% interval of the ratio of medians, 2000 resamples"). */
    method: string;
    interval: [number, number];
    /** True when the interval excludes 1: the difference is larger than run-to-run noise. */
    beyondNoise: boolean;
  };
}

/** %%compare: one body under several models, runs interleaved. experiments[0] is the baseline of the ratios. */
export interface ComparisonResult {
  kind: "conclab.comparison";
  magicLine: string;
  models: CompareModelName[];
  experiments: ExperimentResult[];
  ratios: WallRatio[];
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
