/** Fixed ExperimentResult objects for the figure tests: no runner, no clock. */
import type { ComparisonResult, ExperimentResult, ExperimentSummary, MemorySamples, ModelName, RunMeasurement, Spread, SweepResult, TaskFailure, TaskSpans } from "../../magics/result/experiment-result";

export function fixtureSpread(median: number, min: number, max: number, of = 5): Spread {
  return { median, min, max, of };
}

/** `count` tasks of 2 ms each, dealt round-robin over `lanes`, one after another on each lane; `failed` lists the indexes that failed. */
export function fixtureTasks(count: number, lanes: readonly number[], failed: readonly number[] = []): TaskSpans {
  const tasks: TaskSpans = { start: [], end: [], lane: [], ok: [] };
  for (let i = 0; i < count; i++) {
    const slot = Math.floor(i / lanes.length);
    tasks.start.push(slot * 2.123456 + 0.1);
    tasks.end.push(slot * 2.123456 + 2.0987654);
    tasks.lane.push(lanes[i % lanes.length]);
    tasks.ok.push(!failed.includes(i));
  }
  return tasks;
}

/** `count` samples 5 ms apart rising by `stepBytes` each, so sample k is k * stepBytes above the baseline. */
export function fixtureMemory(count: number, stepBytes = 1024 * 1024): MemorySamples {
  return { t: Array.from({ length: count }, (_, k) => k * 5), rssAboveBaselineBytes: Array.from({ length: count }, (_, k) => k * stepBytes) };
}

function fixtureRun(tasks: TaskSpans, failures: TaskFailure[], memory: MemorySamples | undefined): RunMeasurement {
  const failed = tasks.ok.filter((ok) => !ok).length;
  return {
    wallMs: 100,
    cpuUserMs: 80,
    cpuSystemMs: 10,
    bodyCpuUserMs: 78,
    bodyCpuSystemMs: 10,
    harnessCpuMs: 1,
    helperThreadsCpuMs: 1,
    load: { cores: 2, otherProcessesCores: 0.05, kernelCores: 0.9, loadAverage1m: 0.5 },
    rssBaselineBytes: 50 * 1024 * 1024,
    peakRssAboveBaselineBytes: 4 * 1024 * 1024,
    heapUsedMainBytes: 8 * 1024 * 1024,
    lanes: [],
    loopDelayMs: { p50: 1, p99: 3, max: 9 },
    loopUtilization: 0.5,
    contextSwitches: { voluntary: 10, involuntary: 2 },
    tasks,
    ...(memory ? { memory } : {}),
    ok: tasks.ok.length - failed,
    failed,
    failures,
  };
}

export interface FixtureOptions {
  model?: ModelName;
  name?: string;
  spawn?: boolean;
  runs?: number;
  tasks?: TaskSpans;
  failures?: TaskFailure[];
  summary?: Partial<ExperimentSummary>;
  /** RSS samples of every run; none by default (results from before they were measured). */
  memory?: MemorySamples;
}

export function fixtureExperiment(options: FixtureOptions = {}): ExperimentResult {
  const model = options.model ?? "sync";
  const tasks = options.tasks ?? fixtureTasks(4, [0]);
  const runCount = options.runs ?? 5;
  const runs = Array.from({ length: runCount }, () => fixtureRun(tasks, options.failures ?? [], options.memory));
  const summary: ExperimentSummary = {
    wallMs: fixtureSpread(100, 90, 130, runCount),
    cpuMs: fixtureSpread(90, 85, 95, runCount),
    bodyCpuMs: fixtureSpread(88, 83, 93, runCount),
    peakRssAboveBaselineBytes: fixtureSpread(4 * 1024 * 1024, 3 * 1024 * 1024, 6 * 1024 * 1024, runCount),
    heapUsedMainBytes: fixtureSpread(8 * 1024 * 1024, 8 * 1024 * 1024, 8 * 1024 * 1024, runCount),
    loopDelayP99Ms: fixtureSpread(3, 2, 5, runCount),
    loopDelayMaxMs: fixtureSpread(9, 6, 12, runCount),
    loopUtilization: fixtureSpread(0.5, 0.4, 0.6, runCount),
    voluntaryContextSwitches: fixtureSpread(10, 8, 12, runCount),
    involuntaryContextSwitches: fixtureSpread(2, 1, 3, runCount),
    tasksOk: runs[runCount - 1]?.ok ?? 0,
    tasksFailed: runs[runCount - 1]?.failed ?? 0,
    ...options.summary,
  };
  return {
    kind: "conclab.experiment",
    state: "completed",
    model,
    magicLine: `%%${model} --tasks ${tasks.start.length} --repeat ${runCount}`,
    options: { tasks: tasks.start.length, repeat: runCount, warmup: 0, input: [], serverLatencyMs: 10, serverBytes: 1024, ...(options.name ? { name: options.name } : {}), ...(options.spawn ? { spawn: true } : {}) },
    machine: { cpuModel: "Fixture CPU", cores: 4, totalMemoryBytes: 8 * 1024 ** 3, node: "20.0.0", v8: "11.3", os: "Linux fixture x64" },
    runtime: { implementation: "node", version: "20.0.0" },
    startedAt: "2026-01-01T00:00:00.000Z",
    runs,
    summary,
  };
}

const FIXTURE_MACHINE = fixtureExperiment().machine;

/** %%compare of the given experiments, the first the baseline of the ratios. */
export function fixtureComparison(experiments: ExperimentResult[]): ComparisonResult {
  const base = experiments[0].summary.wallMs.median;
  return {
    kind: "conclab.comparison",
    magicLine: `%%compare --models ${experiments.map((e) => e.model).join(",")}`,
    models: experiments.map((e) => e.model),
    experiments,
    ratios: experiments.map((e) => ({ model: e.model, ratio: e.summary.wallMs.median / base })),
    rounds: { seed: 1, order: experiments[0].runs.map(() => experiments.map((_, k) => k)) },
    machine: FIXTURE_MACHINE,
    startedAt: "2026-01-01T00:00:00.000Z",
  };
}

/** --sweep over `parameter`, one point per value. */
export function fixtureSweep(parameter: string, values: number[], point: (value: number) => ExperimentResult | ComparisonResult): SweepResult {
  return {
    kind: "conclab.sweep",
    magicLine: `%%sync --sweep ${parameter}=${values.join(",")}`,
    parameter,
    values,
    points: values.map(point),
    machine: FIXTURE_MACHINE,
    startedAt: "2026-01-01T00:00:00.000Z",
  };
}
