/**
 * Synthetic results for the claim judges' tests (tutorials/*-claims.test.ts): experiments built from
 * a few figures per run, comparisons with the paired test's verdict set per model, sweeps of either.
 * Summaries are computed from the runs, as the magics compute them, so a judge reads consistent data.
 */
import { summarizeRuns } from "../../magics/measure/summarize-runs";
import type {
  CompareModelName,
  ComparisonResult,
  ExperimentResult,
  MachineInfo,
  RuntimeInfo,
  ModelName,
  RunMeasurement,
  StartupMeasurement,
  SweepResult,
  TaskFailure,
  TaskSpans,
  WallRatio,
} from "../../magics/result/experiment-result";

/** The runtime of a CPython result, as the harness names Debian's python3. */
export const CPYTHON_311: RuntimeInfo = { implementation: "cpython", version: "3.11.2", build: "GIL", gilEnabled: true };

/** `result` as if `runtime` had run it: every experiment in it names that runtime. */
export function onCPython<R extends ExperimentResult | ComparisonResult | SweepResult>(result: R, runtime: RuntimeInfo = CPYTHON_311): R {
  return withRuntime(result, runtime) as R;
}

function withRuntime(result: ExperimentResult | ComparisonResult | SweepResult, runtime: RuntimeInfo): ExperimentResult | ComparisonResult | SweepResult {
  if (result.kind === "conclab.experiment") {
    const values = (result as { values?: unknown[] }).values;
    const onIt = { ...result, runtime };
    return values ? Object.defineProperty(onIt, "values", { value: values, enumerable: false }) : onIt;
  }
  if (result.kind === "conclab.comparison") return { ...result, experiments: result.experiments.map((e) => withRuntime(e, runtime) as ExperimentResult) };
  return { ...result, points: result.points.map((point) => withRuntime(point, runtime) as ExperimentResult | ComparisonResult) };
}

export const CLAIM_MACHINE: MachineInfo = { cpuModel: "Claim CPU", cores: 4, totalMemoryBytes: 16 * 1024 ** 3, node: "20.0.0", v8: "11.3", os: "Linux claims x64" };

/** One run's figures; anything left out takes a quiet, unremarkable value. */
export interface RunSpec {
  wallMs?: number;
  /** CPU of what ran the body, user + system. */
  bodyCpuMs?: number;
  peakRssBytes?: number;
  loopP99Ms?: number;
  loopMaxMs?: number;
  involuntary?: number;
  /** Cores' worth of CPU other processes used during the run (of CLAIM_MACHINE's cores, or `cores`). */
  otherCores?: number;
  /** Tasks in flight at once: they run in waves of this many (default: all at once for async, one at a time for sync, the workers for pools). */
  inFlight?: number;
  /** Task indexes that failed. */
  failed?: number[];
  /** Each worker's heap, for pools. */
  laneHeapBytes?: number;
  /** Each child process's RSS, for %%processes. */
  laneRssBytes?: number;
}

export interface ExperimentSpec {
  model?: ModelName;
  spawn?: boolean;
  tasks?: number;
  workers?: number;
  concurrency?: number;
  latencyMs?: number;
  timeoutSeconds?: number;
  /** Every run's figures, or a number of runs of `run`'s. */
  runs?: RunSpec[] | number;
  /** The figures of every run (under `runs`' own). */
  run?: RunSpec;
  /** Shortcut: one run per wall time. */
  walls?: number[];
  /** The last run's return values by task index. */
  values?: unknown[];
  startup?: StartupMeasurement;
  /** The run stopped by --timeout, with its unfinished tasks. */
  timedOut?: { seconds: number; unfinished: number };
  failures?: TaskFailure[];
  machine?: MachineInfo;
  /** The runtime that ran the body; Node unless given (a CPython result: { implementation: "cpython", version: "3.11.2", build: "GIL", gilEnabled: true }). */
  runtime?: RuntimeInfo;
}

function defaultInFlight(spec: ExperimentSpec, tasks: number): number {
  if (spec.model === "async") return Math.min(spec.concurrency ?? tasks, tasks);
  if (spec.model === "threads" || spec.model === "processes") return Math.min(spec.workers ?? 1, tasks);
  return 1;
}

/** `tasks` spans in waves of `inFlight`, filling the wall time; lanes 0 (main thread) or 1..k (workers). */
function spansOf(tasks: number, inFlight: number, wallMs: number, onLanes: boolean, failed: readonly number[]): TaskSpans {
  const waves = Math.ceil(tasks / inFlight);
  const d = wallMs / waves;
  const spans: TaskSpans = { start: [], end: [], lane: [], ok: [] };
  for (let i = 0; i < tasks; i++) {
    const wave = Math.floor(i / inFlight);
    spans.start.push(wave * d);
    spans.end.push((wave + 1) * d);
    spans.lane.push(onLanes ? (i % inFlight) + 1 : 0);
    spans.ok.push(!failed.includes(i));
  }
  return spans;
}

function runOf(spec: ExperimentSpec, r: RunSpec, tasks: number, machine: MachineInfo): RunMeasurement {
  const wallMs = r.wallMs ?? 100;
  const bodyCpu = r.bodyCpuMs ?? wallMs * 0.5;
  const failed = r.failed ?? [];
  const onLanes = spec.model === "threads" || spec.model === "processes";
  const inFlight = Math.max(1, r.inFlight ?? defaultInFlight(spec, tasks));
  const laneCount = onLanes ? Math.min(spec.workers ?? 1, tasks) : 0;
  return {
    wallMs,
    cpuUserMs: bodyCpu + 5,
    cpuSystemMs: 1,
    bodyCpuUserMs: bodyCpu,
    bodyCpuSystemMs: 0,
    harnessCpuMs: 5,
    helperThreadsCpuMs: 2,
    load: { cores: machine.cores, otherProcessesCores: r.otherCores ?? 0.05, kernelCores: bodyCpu / wallMs, loadAverage1m: 0.5, machineCpuMs: (r.otherCores ?? 0.05) * wallMs + bodyCpu },
    rssBaselineBytes: 60 * 1024 ** 2,
    peakRssAboveBaselineBytes: r.peakRssBytes ?? 2 * 1024 ** 2,
    heapUsedMainBytes: 10 * 1024 ** 2,
    lanes: Array.from({ length: laneCount }, (_, k) => ({ lane: k + 1, heapUsedBytes: r.laneHeapBytes ?? 4 * 1024 ** 2, ...(spec.model === "processes" ? { rssBytes: r.laneRssBytes ?? 40 * 1024 ** 2 } : {}) })),
    loopDelayMs: { p50: 1, p99: r.loopP99Ms ?? 2, max: r.loopMaxMs ?? 4 },
    loopUtilization: 0.3,
    contextSwitches: { voluntary: 10, involuntary: r.involuntary ?? 5 },
    tasks: spansOf(tasks, inFlight, wallMs, onLanes, failed),
    ok: tasks - failed.length,
    failed: failed.length,
    failures: failed.map((index) => spec.failures?.find((f) => f.index === index) ?? { index, name: "Error", message: `task ${index} failed`, stack: `Error: task ${index} failed\n    at cell line 3:9` }),
  };
}

/** An experiment from per-run figures; its summary is computed from them. */
export function claimExperiment(spec: ExperimentSpec = {}): ExperimentResult {
  const model = spec.model ?? "sync";
  const tasks = spec.tasks ?? 8;
  const machine = spec.machine ?? CLAIM_MACHINE;
  const full = { ...spec, model };
  const specs: RunSpec[] = spec.walls ? spec.walls.map((wallMs) => ({ ...spec.run, wallMs })) : Array.isArray(spec.runs) ? spec.runs.map((r) => ({ ...spec.run, ...r })) : Array.from({ length: spec.runs ?? 5 }, () => ({ ...spec.run }));
  const runs = specs.map((r) => runOf(full, r, tasks, machine));
  const line = `%%${model}${spec.spawn ? " --spawn" : ""}${spec.workers ? ` --workers ${spec.workers}` : ""}${spec.concurrency ? ` --concurrency ${spec.concurrency}` : ""} --tasks ${tasks} --repeat ${runs.length}`;
  const common = {
    kind: "conclab.experiment" as const,
    model,
    magicLine: line,
    options: {
      tasks,
      repeat: runs.length,
      warmup: 0,
      input: [],
      serverLatencyMs: spec.latencyMs ?? 20,
      serverBytes: 1024,
      ...(spec.workers !== undefined ? { workers: spec.workers } : {}),
      ...(spec.concurrency !== undefined ? { concurrency: spec.concurrency } : {}),
      ...(spec.spawn ? { spawn: true } : {}),
      ...(spec.timeoutSeconds !== undefined || spec.timedOut ? { timeoutSeconds: spec.timeoutSeconds ?? spec.timedOut?.seconds } : {}),
    },
    machine,
    runtime: spec.runtime ?? { implementation: "node", version: "20.0.0" },
    startedAt: "2026-01-01T00:00:00.000Z",
    ...(spec.startup ? { startup: spec.startup } : {}),
    runs,
    summary: summarizeRuns(runs),
  };
  const result: ExperimentResult = spec.timedOut
    ? { ...common, state: "timed-out", timeout: { seconds: spec.timedOut.seconds, run: runs.length - 1, unfinished: spec.timedOut.unfinished, stopped: spec.timedOut.unfinished } }
    : { ...common, state: "completed" };
  if (spec.values) Object.defineProperty(result, "values", { value: spec.values, enumerable: false });
  return result;
}

/** The paired test's verdict on a model against the baseline, with an interval around `ratio` that fits it. */
export type TestSpec = NonNullable<WallRatio["test"]>["verdict"] | { verdict: NonNullable<WallRatio["test"]>["verdict"]; interval: [number, number] };

function testOf(ratio: number, spec: TestSpec): NonNullable<WallRatio["test"]> {
  const verdict = typeof spec === "string" ? spec : spec.verdict;
  const interval: [number, number] =
    typeof spec !== "string" ? spec.interval : verdict === "no difference shown" ? [Math.min(ratio, 1) * 0.9, Math.max(ratio, 1) * 1.1] : verdict === "negligible" ? [0.995, 1.005] : [ratio * 0.95, ratio * 1.05];
  return { method: "sign test of the paired log ratios", rounds: 5, confidence: 0.9375, interval, negligible: 0.02, verdict };
}

/** %%compare of `experiments` (the first the baseline), each ratio the median walls' with the test given per model (untested when not given). */
export function claimComparison(experiments: ExperimentResult[], tests: Partial<Record<CompareModelName, TestSpec>> = {}, models?: CompareModelName[]): ComparisonResult {
  const names = models ?? experiments.map((e) => (e.model === "threads" && e.options.spawn ? "spawn" : e.model));
  const base = experiments[0].summary.wallMs.median;
  return {
    kind: "conclab.comparison",
    magicLine: `%%compare --models ${names.join(",")}`,
    models: names,
    experiments,
    ratios: experiments.map((e, k) => {
      const ratio = k === 0 ? 1 : e.summary.wallMs.median / base;
      const test = k === 0 ? undefined : tests[names[k]];
      return test ? { model: names[k], ratio, test: testOf(ratio, test) } : { model: names[k], ratio };
    }),
    rounds: { seed: 1, order: experiments[0].runs.map(() => experiments.map((_, k) => k)) },
    machine: experiments[0].machine,
    startedAt: "2026-01-01T00:00:00.000Z",
  };
}

/** --sweep over `parameter`, one point per value. */
export function claimSweep(parameter: string, values: number[], point: (value: number) => ExperimentResult | ComparisonResult): SweepResult {
  const points = values.map(point);
  const first = points[0];
  return {
    kind: "conclab.sweep",
    magicLine: `%%sweep --sweep ${parameter}=${values.join(",")}`,
    parameter,
    values,
    points,
    machine: first.kind === "conclab.experiment" ? first.machine : first.machine,
    startedAt: "2026-01-01T00:00:00.000Z",
  };
}

/** A machine with `cores` cores. */
export function machineWith(cores: number): MachineInfo {
  return { ...CLAIM_MACHINE, cores };
}
