/**
 * Figures the verdicts read from results: a model's wall time against the baseline with its paired
 * test, tasks in flight at once, cores kept busy, time and memory per task, sweep points, and the
 * ranges of runs that decide whether two figures are apart.
 */
import type { CompareModelName, ComparisonResult, ConclabResult, ExperimentResult, Spread, SweepResult, TaskSpans, WallRatio } from "../magics/result/experiment-result";
import { spread } from "../magics/statistics/statistics";
import { formatBytes } from "../common/units";
import type { Finding, Source } from "./evidence";

/** What the paired test of a %%compare ratio said, or "untested" (the baseline, or too few rounds). */
export type TestVerdict = NonNullable<WallRatio["test"]>["verdict"] | "untested";

/** A model's experiment in a comparison. */
export function modelIn(comparison: ComparisonResult, model: CompareModelName): ExperimentResult | undefined {
  const k = comparison.models.indexOf(model);
  return k < 0 ? undefined : comparison.experiments[k];
}

/** One model's wall time against a comparison's first model, as a verdict reads it. */
export interface WallReading {
  model: CompareModelName;
  /** "time": the model's wall time over the baseline's; "speedup": the baseline's over the model's. */
  value: number;
  /** The paired test's verdict on the model against the baseline ("faster": the model took less time). */
  verdict: TestVerdict;
  /** The interval, turned the same way as `value`, low to high. */
  interval?: [number, number];
  /** The interval, its confidence, the method and the verdict, in words: the figure's `interval`. */
  intervalText: string;
  /** The paired rounds the test used (or the runs of the model, untested). */
  rounds: number;
}

/** `model`'s wall time against the comparison's first model, with its test; undefined when the comparison did not run the model. */
export function wallReading(comparison: ComparisonResult, model: CompareModelName, as: "time" | "speedup" = "time"): WallReading | undefined {
  const found = comparison.ratios.find((r) => r.model === model);
  if (!found) return undefined;
  const flip = (v: number) => (as === "speedup" ? 1 / v : v);
  const value = flip(found.ratio);
  const test = found.test;
  if (!test) {
    const runs = modelIn(comparison, model)?.runs.length ?? 0;
    const why = model === comparison.models[0] ? "the baseline of the ratios" : `untested: ${runs} run${runs === 1 ? "" : "s"}, too few paired rounds for the test`;
    return { model, value, verdict: "untested", intervalText: why, rounds: runs };
  }
  const [low, high] = test.interval.map(flip).sort((a, b) => a - b);
  const verdict = test.verdict === "negligible" ? `negligible (within ±${Number((test.negligible * 100).toPrecision(3))}%)` : test.verdict;
  const intervalText = `${low.toFixed(2)}–${high.toFixed(2)}× at ${(test.confidence * 100).toFixed(1)}% confidence (${test.method}, ${test.rounds} paired rounds): ${verdict}`;
  return { model, value, verdict: test.verdict, interval: [low, high], intervalText, rounds: test.rounds };
}

/** How the verdicts read a paired test, said once in each verdict that uses one. */
export const PAIRED_TEST_RULE =
  "Slower or faster means the paired test over the interleaved rounds says so; a difference inside its negligible band counts as none, and an interval across 1 shows nothing either way (which does not make the two the same).";

/** Where a ratio comes from, for the list of what a verdict rests on. */
export function readingSource(reading: WallReading, result: string): Source {
  return { result, runs: reading.rounds, interval: reading.intervalText };
}

/**
 * What a test's verdict says about a claim that expects the model to be `expected` than the baseline:
 * that verdict supports it; the opposite one, or a negligible difference, contradicts it; "no
 * difference shown" and an untested ratio show nothing either way (never "the same").
 */
export function findingOfTest(verdict: TestVerdict, expected: "slower" | "faster"): Finding {
  if (verdict === expected) return "supports";
  if (verdict === "slower" || verdict === "faster" || verdict === "negligible") return "contradicts";
  return "not shown";
}

/** The test's verdict in a sentence's words: "was slower", "showed no difference", ... */
export function testWords(verdict: TestVerdict, than: string): string {
  if (verdict === "slower") return `was slower than ${than}`;
  if (verdict === "faster") return `was faster than ${than}`;
  if (verdict === "negligible") return `differed from ${than} by a negligible amount`;
  if (verdict === "no difference shown") return `showed no difference from ${than} that these runs could tell (which does not make them the same)`;
  return `could not be tested against ${than} (too few runs)`;
}

/** The most tasks that had started and not yet finished at one moment (a task ending when another starts does not overlap it). */
export function inFlight(spans: TaskSpans): number {
  const events = spans.start.flatMap((start, i) => [[start, 1], [spans.end[i], -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, step] of events) most = Math.max(most, (now += step));
  return most;
}

/** Tasks in flight at once, per run. */
export function inFlightOf(e: ExperimentResult): Spread {
  return spread(e.runs.map((r) => inFlight(r.tasks)));
}

/** The threads (or processes) that ran the tasks of the last run. */
export function lanesUsed(e: ExperimentResult): number {
  const last = e.runs[e.runs.length - 1];
  return last ? new Set(last.tasks.lane).size : 0;
}

/** Cores' worth of CPU the body used, per run: its CPU time (without the kernel's own threads) over the wall time. */
export function coresBusy(e: ExperimentResult): Spread {
  return spread(e.runs.map((r) => (r.bodyCpuUserMs + r.bodyCpuSystemMs) / r.wallMs));
}

/** Wall time per task, per run. */
export function wallPerTask(e: ExperimentResult): Spread {
  return spread(e.runs.map((r) => r.wallMs / e.options.tasks));
}

/** A figure of every run, as a Spread. */
export function perRun(e: ExperimentResult, figure: (run: ExperimentResult["runs"][number]) => number): Spread {
  return spread(e.runs.map(figure));
}

/** Each task's time from start to end, in the last run. */
export function taskDurations(e: ExperimentResult): Spread {
  const last = e.runs[e.runs.length - 1];
  return spread(last ? last.tasks.start.map((s, i) => last.tasks.end[i] - s) : []);
}

/** Every run of `higher` above every run of `lower`: the difference is larger than the runs' own spread. */
export function apart(lower: Spread, higher: Spread): boolean {
  return higher.min > lower.max;
}

/** A spread as a figure: its median, and its range when it has more than one run. */
export function spreadText(s: Spread, format: (v: number) => string): string {
  return s.of > 1 && s.min !== s.max ? `${format(s.median)} (${format(s.min)}–${format(s.max)})` : format(s.median);
}

/** A ratio as the verdicts write it. */
export function times(ratio: number): string {
  return `${ratio >= 100 ? ratio.toFixed(0) : ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

/** Bytes as the magics' tables write them, whole bytes below 1 KiB (a per-task share is rarely a whole number). */
export function bytes(n: number): string {
  return formatBytes(Math.abs(n) < 1024 ? Math.round(n) : n);
}

/** A duration in µs, for per-task overheads. */
export function micros(ms: number): string {
  return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`;
}

/** The tasks' return values of the last run, when the result carries them (results kept by a magic do). */
export function valuesOf(e: ExperimentResult): unknown[] | undefined {
  const values = (e as ExperimentResult & { values?: unknown }).values;
  return Array.isArray(values) ? values : undefined;
}

/** A sweep's points with their values and how a figure names them: "workers=8". */
export function pointsOf(sweep: SweepResult): { value: number; point: ExperimentResult | ComparisonResult; label: string }[] {
  return sweep.points.map((point, i) => ({ value: sweep.values[i], point, label: `${sweep.parameter}=${sweep.values[i]}` }));
}

/** A comparison, or each point of a sweep of comparisons, with the result name a figure gives it. */
export function comparisonsOf(result: ComparisonResult | SweepResult, name: string): { comparison: ComparisonResult; value?: number; result: string }[] {
  if (result.kind === "conclab.comparison") return [{ comparison: result, result: name }];
  return pointsOf(result).flatMap(({ point, value, label }) => (point.kind === "conclab.comparison" ? [{ comparison: point, value, result: `${name} (${label})` }] : []));
}

/** An experiment, or each point of a sweep of experiments, with the result name a figure gives it. */
export function experimentsIn(result: ExperimentResult | SweepResult, name: string): { experiment: ExperimentResult; value?: number; result: string }[] {
  if (result.kind === "conclab.experiment") return [{ experiment: result, result: name }];
  return pointsOf(result).flatMap(({ point, value, label }) => (point.kind === "conclab.experiment" ? [{ experiment: point, value, result: `${name} (${label})` }] : []));
}

/** The first experiment a result holds (itself, a comparison's first model, a sweep's first point's), which names the runtime of all of them. */
function firstExperiment(result: ConclabResult): ExperimentResult | undefined {
  if (result.kind === "conclab.experiment") return result;
  const first = result.kind === "conclab.comparison" ? result.experiments[0] : result.points[0];
  return first && firstExperiment(first);
}

/** The runtime that ran a result: "node" (also for results made before results named theirs) or Python's implementation ("cpython"). */
export function runtimeOf(result: ConclabResult): string {
  return (firstExperiment(result) as { runtime?: { implementation: string } } | undefined)?.runtime?.implementation ?? "node";
}

/** Whether a result ran on CPython built free-threaded (python3.13t) with the GIL off, where threads run Python code in parallel. */
export function freeThreaded(result: ConclabResult): boolean {
  const runtime = (firstExperiment(result) as { runtime?: { build?: string; gilEnabled?: boolean } } | undefined)?.runtime;
  return runtime?.build === "free-threaded" && runtime.gilEnabled === false;
}

/** What a thread is called in a verdict's sentences: Node's worker threads, CPython's threads. */
export function threadWord(result: ConclabResult): string {
  return runtimeOf(result) === "node" ? "worker thread" : "thread";
}
