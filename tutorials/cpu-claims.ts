/**
 * The verdicts on the article's CPU claims (notebooks 00 and 02): C6 threads are ideal for CPU-bound
 * work; C8 too many threads degrade performance. And the worker counts a C8 sweep uses, chosen from
 * the cores so that the experiment means the same on any machine.
 */
import { availableParallelism } from "node:os";
import type { ComparisonResult, ExperimentResult, Spread } from "../magics/result/experiment-result";
import { MAX_WORKERS } from "../magics/options/experiment-options";
import { formatMs } from "../common/units";
import { ClaimId, Evidence, Finding, KeptResults, VerdictInput, cannotJudge, gather, machineBusy, outcomeOf } from "./evidence";
import { PAIRED_TEST_RULE, WallReading, apart, bytes, comparisonsOf, coresBusy, findingOfTest, freeThreaded, modelIn, perRun, pointsOf, readingSource, runtimeOf, spreadText, testWords, times, valuesOf, wallReading } from "./readings";

/**
 * Worker counts at these multiples of the cores (C8 sweeps 1×, 2×, 8× and 32×), each at least 1 and
 * at most the magics' limit of MAX_WORKERS, without repeats: e.g. `--sweep workers=counts` after
 * `const counts = workerCounts([1, 2, 8, 32])`.
 */
export function workerCounts(multiples: readonly number[], cores: number = availableParallelism()): number[] {
  const counts = multiples.map((k) => Math.max(1, Math.round(k * cores))).filter((n) => n <= MAX_WORKERS);
  return [...new Set(counts)].sort((a, b) => a - b);
}

/** Whether every task of every experiment returned the same answer, or why that is not known. */
function sameWork(experiments: readonly ExperimentResult[]): { same: boolean | undefined; answer?: unknown } {
  const values = experiments.map(valuesOf);
  if (values.some((v) => v === undefined || v.length === 0)) return { same: undefined };
  const all = values.flatMap((v) => v as unknown[]);
  return { same: all.every((v) => v === all[0]), answer: all[0] };
}

/** Threads that kept less than this many cores busy in every run ran one at a time: they cannot have been faster than one after another. */
const ONE_AT_A_TIME = 1.2;

/**
 * C6: `workers`, a sweep over --workers of comparisons of sync (first) and threads on CPU-bound work;
 * `models`, optionally a comparison of sync (first) with async, threads and processes.
 */
export function judgeC6(results: KeptResults | undefined, names: { workers: string; models?: string }): VerdictInput {
  const claims: ClaimId[] = ["C6"];
  const got = gather(results, { workers: { name: names.workers, kind: "sweep" }, ...(names.models ? { models: { name: names.models, kind: "comparison" as const } } : {}) });
  if (!got.ok) return cannotJudge(claims, got);
  const ev = new Evidence(claims, got.from);
  const sweep = got.results.workers;
  const models = (got.results as { models?: ComparisonResult }).models;
  const points = comparisonsOf(sweep, names.workers).filter((p) => p.comparison.models[0] === "sync" && modelIn(p.comparison, "threads"));
  if (sweep.parameter !== "workers" || points.length === 0) return ev.cannotJudge([`$results.${names.workers} must be a sweep of --workers over comparisons of sync (first) and threads.`]);
  const cores = sweep.machine.cores;
  const busy = machineBusy(got.from);
  const work = sameWork([...points.flatMap((p) => p.comparison.experiments), ...(models?.experiments ?? [])]);
  if (work.same === false) return ev.cannotJudge(["the tasks returned different answers, so the models did not all do the same work and the comparison is void."]);

  const speedups = points.map((p) => ({ workers: p.value as number, reading: wallReading(p.comparison, "threads", "speedup") as WallReading, result: p.result, comparison: p.comparison }));
  const shown = speedups.map((s) => `${s.workers} → ${ev.quote(`threads against sync at ${s.workers} workers: speed-up`, times(s.reading.value), readingSource(s.reading, s.result))} (${s.reading.verdict})`);
  const atCores = [...speedups].filter((s) => s.workers <= cores).pop() ?? speedups[0];
  const threads = modelIn(atCores.comparison, "threads") as ExperimentResult;
  const sync = modelIn(atCores.comparison, "sync") as ExperimentResult;
  const used = coresBusy(threads);

  let threadsFinding = findingOfTest(atCores.reading.verdict, "faster");
  let caveat = "";
  if (cores < 2) {
    threadsFinding = "not shown";
    caveat = " With one core, threads cannot run at once, so this machine cannot show parallel speed-up.";
  } else if (threadsFinding === "contradicts" && busy.busy) {
    threadsFinding = "not shown";
    caveat = " The machine was busy, so the threads may not have had the cores: re-run on a quiet machine before reading this as no speed-up.";
  } else if (threadsFinding === "not shown" && busy.busy === false && atCores.workers >= 2 && used.max < ONE_AT_A_TIME) {
    threadsFinding = "contradicts";
    caveat = ` The paired test alone cannot tell, but in every run the ${atCores.workers} threads kept under ${ONE_AT_A_TIME} cores busy on a quiet machine: they ran one at a time, which cannot be faster than one after another.`;
  }
  // Parallelism alone cannot beat one thread by more than the cores the threads could use; more means the baseline ran slow.
  const usable = Math.min(cores, atCores.workers, sync.options.tasks);
  if (atCores.reading.value > usable) {
    const syncOnCore = coresBusy(sync);
    caveat +=
      ` A speed-up above the ${usable} cores the threads could use is more than parallelism gives: sync's one thread was on its core only ` +
      `${ev.quote("sync: its thread's CPU / wall (the share of its wall time it ran)", `${(syncOnCore.median * 100).toFixed(0)}%`, { result: atCores.result, runs: syncOnCore.of })} of its wall time, so something else slowed it, and that is part of this speed-up.`;
  }
  const text: string[] = [
    `${sync.options.tasks} tasks of CPU-bound work${work.same ? ` (every task in every model returned ${String(work.answer)}: the same work everywhere)` : " (the tasks' answers were not kept, so that every model did the same work is not checked)"}. ` +
      `One after another (sync): ${ev.quote("sync: wall time", spreadText(sync.summary.wallMs, formatMs), { result: atCores.result, runs: sync.summary.wallMs.of }, true)}. ` +
      `Threads' speed-up over sync, runs interleaved, by the number of workers: ${shown.join("; ")}. ` +
      `With ${atCores.workers} workers (the most not above the ${cores} cores) the pool ${testWords(atCores.reading.verdict, "sync")}, ` +
      `keeping ${ev.quote(`threads at ${atCores.workers} workers: cores busy (the workers' CPU / wall)`, spreadText(used, (v) => v.toFixed(2)), { result: atCores.result, runs: used.of })} cores busy.${caveat}`,
  ];
  const findings: Finding[] = [threadsFinding];
  if (models) {
    const parts: string[] = [];
    for (const model of ["async", "threads", "processes"] as const) {
      const r = wallReading(models, model, "speedup");
      const e = modelIn(models, model);
      if (r && e) parts.push(`${model}${e.options.workers && model !== "async" ? ` (${e.options.workers})` : ""} ${ev.quote(`${model} against sync: speed-up`, times(r.value), readingSource(r, names.models as string))} (${r.verdict})`);
    }
    text.push(`The same work under every model, against sync: ${parts.join(", ")}.`);
    const asyncReading = wallReading(models, "async", "speedup");
    if (asyncReading) {
      // The claim's other half: async gives no speed-up for CPU-bound work.
      const f = asyncReading.verdict === "faster" ? "contradicts" : asyncReading.verdict === "no difference shown" || asyncReading.verdict === "untested" ? "not shown" : "supports";
      findings.push(f);
      text.push(`Async, all on the main thread, ${testWords(asyncReading.verdict, "sync")}${f === "supports" ? ": no parallelism" : ""}.`);
    }
  }
  text.push(
    `Threshold: holds when threads, as many as the cores, are faster than sync${models ? ", and async is not" : ""}; threads that kept under ${ONE_AT_A_TIME} cores busy in every run on a quiet machine count as not faster. ${PAIRED_TEST_RULE}`,
    `*Prediction, not measured here:* the speed-up is capped by the cores (${cores} here) and by the tasks (${sync.options.tasks}); on a machine with ${sync.options.tasks} cores or more, ${sync.options.tasks} workers could approach ${sync.options.tasks}×. ` +
      (runtimeOf(sweep) === "node"
        ? "*Not measured by this verdict:* in CPython, `threading` gives about 1× for pure-Python code because of the GIL (the article's other sentence is the right one there); processes are CPython's way to use the cores."
        : freeThreaded(sweep)
          ? "This CPython ran free-threaded with the GIL off, so its threads could run Python code on several cores at once, as Node's workers do: the verdict above is that build's, not the default one's."
          : "On CPython with the GIL, one thread at a time runs Python code, so threads cannot speed up pure-Python work such as this (the article's other sentence is the right one here) while processes, each with its own interpreter and GIL, can. " +
            "A free-threaded build (python3.13t, GIL off) is where this verdict would change: its threads run Python code in parallel."),
  );
  return ev.verdict(outcomeOf(findings), text);
}

/** Degrades means at least this many times the wall time of the pool with no more threads than cores, every run slower. */
const DEGRADES = 1.1;
/** Congestion shows when a figure of the most threads is at least this many times the figure with no more threads than cores, every run higher. */
const CONGESTED = 2;
/**
 * Switches show congestion only when each task was also preempted at least this many more times on
 * average: a run's few switches come from the machine's own threads, so their ratio alone says
 * nothing (CPython's 128 tasks went from 0.1 to 0.3 a task, 3.3x, 25 switches in all).
 */
const MORE_SWITCHES_PER_TASK = 1;

interface PoolPoint {
  workers: number;
  /** Threads that had a task to run: the workers, or the tasks if fewer. */
  runnable: number;
  experiment: ExperimentResult;
  result: string;
  wall: Spread;
  loopP99: Spread;
  switchesPerTask: Spread;
}

/** The ratio of two medians, a figure from nothing counting as no change. */
function growth(from: Spread, to: Spread): number {
  return from.median > 0 ? to.median / from.median : to.median > 0 ? CONGESTED : 1;
}

/**
 * C8: `sweep`, a sweep over --workers (counts chosen from the cores, e.g. workerCounts([1, 2, 8, 32]))
 * of %%threads on CPU-bound work, or of comparisons that include threads. Reads the congestion from
 * the figures that show it: wall time, the main thread's event-loop p99, involuntary context switches per task.
 */
export function judgeC8(results: KeptResults | undefined, names: { sweep: string }): VerdictInput {
  const claims: ClaimId[] = ["C8"];
  const got = gather(results, { sweep: { name: names.sweep, kind: "sweep" } });
  if (!got.ok) return cannotJudge(claims, got);
  const ev = new Evidence(claims, got.from);
  const { sweep } = got.results;
  const cores = sweep.machine.cores;
  const points: PoolPoint[] = pointsOf(sweep).flatMap(({ value, point, label }) => {
    const e = point.kind === "conclab.comparison" ? modelIn(point, "threads") : point.model === "threads" ? point : undefined;
    if (!e) return [];
    const tasks = e.options.tasks;
    return [{ workers: value, runnable: Math.min(value, tasks), experiment: e, result: `${names.sweep} (${label})`, wall: e.summary.wallMs, loopP99: e.summary.loopDelayP99Ms, switchesPerTask: perRun(e, (r) => r.contextSwitches.involuntary / tasks) }];
  });
  if (sweep.parameter !== "workers" || points.length < 2) return ev.cannotJudge([`$results.${names.sweep} must be a sweep of --workers with at least two points of %%threads (got ${points.length}).`]);
  const tasks = points[0].experiment.options.tasks;
  const base = [...points].filter((p) => p.runnable <= cores).pop() ?? points[0];
  const most = [...points].sort((a, b) => a.runnable - b.runnable).pop() as PoolPoint;
  const shown = points.map((p) => {
    const runs = { result: p.result, runs: p.wall.of };
    return (
      `${p.workers} (${times(p.runnable / cores)} the cores): ${ev.quote(`${p.workers} workers: wall time`, spreadText(p.wall, formatMs), runs, p === base || p === most)}, ` +
      `main-loop p99 ${ev.quote(`${p.workers} workers: main thread's event-loop delay p99`, spreadText(p.loopP99, formatMs), runs)}, ` +
      `${ev.quote(`${p.workers} workers: involuntary context switches per task`, spreadText(p.switchesPerTask, (v) => v.toFixed(1)), runs)} involuntary switches per task`
    );
  });
  const measuredText = [`The same ${tasks} CPU-bound tasks on pools of different sizes (workers, as a multiple of the ${cores} cores, counting only workers that had a task): ${shown.join("; ")}.`];
  if (most.runnable <= cores) return ev.cannotJudge([`no point had more threads with work than the ${cores} cores (${tasks} tasks), so nothing here could congest: raise --tasks, or sweep larger counts.`], measuredText);
  if (base === most || base.runnable > cores) return ev.cannotJudge([`no point had as few threads as the ${cores} cores to compare the others with: sweep a count of the cores or fewer.`], measuredText);
  const busy = machineBusy(got.from);
  if (busy.busy) return ev.cannotJudge([`the machine was busy (${busy.text}): other processes' threads congest the cores too, so these figures cannot say what the pool's own threads did. Re-run on a quiet machine.`], measuredText);

  const slowdown = growth(base.wall, most.wall);
  const wallFinding: Finding = slowdown < DEGRADES ? "contradicts" : apart(base.wall, most.wall) ? "supports" : "not shown";
  const switches = growth(base.switchesPerTask, most.switchesPerTask);
  const moreSwitches = most.switchesPerTask.median - base.switchesPerTask.median;
  const switchesGrew = switches >= CONGESTED && moreSwitches >= MORE_SWITCHES_PER_TASK;
  const loop = growth(base.loopP99, most.loopP99);
  const switchesShow = switchesGrew && apart(base.switchesPerTask, most.switchesPerTask);
  const loopShows = loop >= CONGESTED && apart(base.loopP99, most.loopP99);
  const congestionFinding: Finding = switchesShow || loopShows ? "supports" : !switchesGrew && loop < CONGESTED ? "contradicts" : "not shown";
  const switchesText =
    switches >= CONGESTED && !switchesGrew ? `${times(switches)}, but ${moreSwitches.toFixed(1)} more a task, under the ${MORE_SWITCHES_PER_TASK} that counts` : times(switches);
  const startRss = (p: PoolPoint) => p.experiment.startup?.rssAboveBaselineBytes;
  const memory =
    startRss(base) !== undefined && startRss(most) !== undefined
      ? ` Starting the pool took ${ev.quote(`${base.workers} workers: start-up RSS`, bytes(startRss(base) as number), { result: base.result, runs: 1 })} of RSS with ${base.workers} workers and ${ev.quote(`${most.workers} workers: start-up RSS`, bytes(startRss(most) as number), { result: most.result, runs: 1 })} with ${most.workers}${runtimeOf(sweep) === "node" ? "" : ", each with the start-up of the harness's interpreter in it"}.`
      : "";
  const congestion =
    switchesShow || loopShows
      ? `The threads congested: ${[switchesShow ? `involuntary switches per task grew ${times(switches)}` : "", loopShows ? `the main thread's event loop was late ${times(loop)} as much at p99` : ""].filter(Boolean).join(", and ")}, every run above every run of ${base.workers} workers.`
      : congestionFinding === "contradicts"
        ? `Neither the switches per task (${switchesText}) nor the main loop's p99 (${times(loop)}) grew as much as counts: no congestion shown by them.`
        : `${switchesGrew ? `The switches per task grew ${switchesText}, but their runs overlap` : `The switches per task did not grow as much as counts (${switchesText})`}; ` +
          `${loop >= CONGESTED ? `the main loop's p99 grew ${times(loop)}, but its runs overlap` : `the main loop's p99 grew only ${times(loop)}`}: no congestion is shown.`;
  const wallText =
    wallFinding === "supports"
      ? `the wall time degraded: ${times(slowdown)}, every run slower`
      : wallFinding === "contradicts"
        ? `the wall time did not degrade: ${times(slowdown)}, under the ${DEGRADES}× that counts`
        : `the wall time rose ${times(slowdown)} but the runs overlap, so no degradation is shown`;
  return ev.verdict(outcomeOf([wallFinding, congestionFinding]), [
    measuredText.join(" "),
    `From ${base.workers} workers (${times(base.runnable / cores)} the cores) to ${most.workers} (${times(most.runnable / cores)}), ${wallText}. ${congestion}${memory}`,
    `Threshold: degrades means at least ${DEGRADES}× the wall time of ${base.workers} workers with every run slower; congestion means the involuntary switches per task (and by at least ${MORE_SWITCHES_PER_TASK} more a task) or the main loop's p99 at least ${CONGESTED}×, every run higher. ` +
      "Holds when both show, in part when one does. The machine's load is judged from the same runs: a busy machine gives no verdict.",
    runtimeOf(sweep) === "node"
      ? "*Not measured by this verdict:* in CPython, extra threads also contend for the GIL, so CPU-bound Python code gets no faster with more threads and can get slower."
      : "On CPython with the GIL, the threads take turns on one lock (handed over every 5 ms, `sys.getswitchinterval()`), so extra threads wait for the GIL rather than for a core; a free-threaded build would congest the cores as Node's workers do, so its verdict could differ.",
  ]);
}
