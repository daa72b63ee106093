/**
 * The verdicts on what a task costs (notebooks 00, 03 and 06): C4 threads need more memory than
 * async; C12 async has less overhead per task; and C1 with C12 for handing data to a thread
 * (copied, transferred or shared) against handing it to an async task.
 */
import type { ConclabResult, ExperimentResult, Spread } from "../magics/result/experiment-result";
import { formatMs } from "../common/units";
import { spread } from "../magics/statistics/statistics";
import { ClaimId, Evidence, Finding, KeptResults, VerdictInput, cannotJudge, experimentsOf, gather, outcomeOf } from "./evidence";
import { PAIRED_TEST_RULE, WallReading, apart, bytes, findingOfTest, inFlight, micros, modelIn, perRun, readingSource, runtimeOf, spreadText, testWords, threadWord, times, valuesOf, wallPerTask, wallReading } from "./readings";

/** Whether `higher` is above `lower` in every run (supports), below it in every run (contradicts), or neither. */
function rangeFinding(lower: Spread, higher: Spread): Finding {
  return apart(lower, higher) ? "supports" : apart(higher, lower) ? "contradicts" : "not shown";
}

const rangeWords = (f: Finding) => (f === "supports" ? "more in every run" : f === "contradicts" ? "less in every run" : "ranges that overlap: no difference shown");

/** Any kind of result, for the roles that may be an experiment, a comparison or a sweep. */
const anyKind = (results: KeptResults | undefined, name: string) => {
  const kind = results?.[name]?.kind;
  return kind === "conclab.sweep" ? ("sweep" as const) : kind === "conclab.comparison" ? ("comparison" as const) : ("experiment" as const);
};

/** RSS per task in flight, per run: the peak above the run's baseline over the most tasks alive at once. */
function rssPerLiveTask(e: ExperimentResult): Spread {
  return perRun(e, (r) => r.peakRssAboveBaselineBytes / Math.max(inFlight(r.tasks), 1));
}

/**
 * C4: `async`, many async tasks pending at once (the first and the last task may return the main
 * heap in use as they start); `pool`, optionally a result holding a %%threads pool with its start-up
 * RSS (the pool with the most workers is read); `spawn`, optionally an experiment with a new thread
 * per task and its threads alive at once (%%threads --spawn, %%python --model spawn); `processes`,
 * optionally a worker-process experiment. At least one of `pool` and `spawn` is needed. On CPython
 * a pool's start-up is the interpreter's too, so a thread is read as `spawn`.
 */
export function judgeC4(results: KeptResults | undefined, names: { async: string; pool?: string; spawn?: string; processes?: string }): VerdictInput {
  const claims: ClaimId[] = ["C4"];
  if (!names.pool && !names.spawn) return cannotJudge(claims, { from: {}, problems: ["judgeC4 needs threads to weigh against async: name a pool (`pool`), a thread per task (`spawn`), or both."] });
  const got = gather(results, {
    async: { name: names.async, kind: "experiment" },
    ...(names.pool ? { pool: { name: names.pool, kind: anyKind(results, names.pool) } } : {}),
    ...(names.spawn ? { spawn: { name: names.spawn, kind: anyKind(results, names.spawn) } } : {}),
    ...(names.processes ? { processes: { name: names.processes, kind: anyKind(results, names.processes) } } : {}),
  });
  if (!got.ok) return cannotJudge(claims, got);
  const ev = new Evidence(claims, got.from);
  const read = got.results as unknown as Record<string, ConclabResult>;
  const asyncRun = read.async as ExperimentResult;
  if (asyncRun.model !== "async") return ev.cannotJudge([`$results.${names.async} is a %%${asyncRun.model} experiment where %%async was expected.`]);
  const onNode = runtimeOf(asyncRun) === "node";
  const thread = threadWord(asyncRun);

  const asyncRss = rssPerLiveTask(asyncRun);
  const text: string[] = [];
  const heap = valuesOf(asyncRun);
  const tasks = asyncRun.options.tasks;
  const [first, last] = [heap?.[0], heap?.[tasks - 1]];
  const heapText =
    typeof first === "number" && typeof last === "number" && tasks > 1
      ? ` The main heap grew by ${ev.quote("async: main heap per pending task (last task's heap − first's) / (tasks − 1)", bytes((last - first) / (tasks - 1)), { result: names.async, runs: 1 })} per pending task between the first task's start and the last's.`
      : "";
  text.push(
    `${tasks} async tasks pending at once (up to ${Math.max(...asyncRun.runs.map((r) => inFlight(r.tasks)))} in flight): ${ev.quote("async: RSS per pending task (peak above baseline / in flight)", spreadText(asyncRss, bytes), { result: names.async, runs: asyncRss.of }, true)} of RSS each.${heapText}`,
  );
  const findings: Finding[] = [];
  if (names.pool) {
    const pools = experimentsOf(read.pool).filter((e) => e.model === "threads" && !e.options.spawn && e.startup?.rssAboveBaselineBytes !== undefined && e.startup.lanes > 0);
    const pool = pools.sort((a, b) => (b.startup?.lanes ?? 0) - (a.startup?.lanes ?? 0))[0];
    if (!pool?.startup?.rssAboveBaselineBytes) return ev.cannotJudge([`$results.${names.pool} holds no %%threads pool with its start-up RSS measured.`], text);
    const perWorker = spread([pool.startup.rssAboveBaselineBytes / pool.startup.lanes]);
    const poolFinding = rangeFinding(asyncRss, perWorker);
    findings.push(poolFinding);
    const workerHeaps = pool.runs.flatMap((r) => r.lanes.map((l) => l.heapUsedBytes));
    const heapOfWorker = workerHeaps.length > 0 ? `, of which its own V8 heap in use was ${ev.quote("pool: a worker's V8 heap in use (mean of the lanes)", bytes(workerHeaps.reduce((a, b) => a + b, 0) / workerHeaps.length), { result: names.pool, runs: pool.runs.length })}` : "";
    text.push(
      `A worker thread of a pool of ${pool.startup.lanes} took ${ev.quote(`pool of ${pool.startup.lanes}: start-up RSS per worker`, bytes(perWorker.median), { result: names.pool, runs: 1 }, true)} of RSS to start${heapOfWorker}: ` +
        `${times(perWorker.median / Math.max(asyncRss.median, 1))} an async task's, ${rangeWords(poolFinding)}.`,
    );
  }
  if (names.spawn) {
    const spawned = experimentsOf(read.spawn).find((e) => e.model === "threads" && e.options.spawn);
    if (!spawned) return ev.cannotJudge([`$results.${names.spawn} holds no experiment with a new thread per task (%%threads --spawn, %%python --model spawn).`], text);
    const perSpawned = rssPerLiveTask(spawned);
    const f = rangeFinding(asyncRss, perSpawned);
    findings.push(f);
    text.push(
      `A new ${thread} per task, up to ${Math.max(...spawned.runs.map((r) => inFlight(r.tasks)))} alive at once: ${ev.quote(`spawn: RSS per live ${thread} (peak above baseline / in flight)`, spreadText(perSpawned, bytes), { result: names.spawn, runs: perSpawned.of }, true)} each, ` +
        `${times(perSpawned.median / Math.max(asyncRss.median, 1))} an async task's, ${rangeWords(f)}.`,
    );
  }
  if (names.processes) {
    const children = experimentsOf(read.processes).find((e) => e.model === "processes");
    const rss = children?.runs.flatMap((r) => r.lanes.flatMap((l) => (l.peakRssBytes ?? l.rssBytes) !== undefined ? [(l.peakRssBytes ?? l.rssBytes) as number] : [])) ?? [];
    if (children && rss.length > 0) text.push(`A ${onNode ? "child" : "worker"} process had ${ev.quote(`a ${onNode ? "child" : "worker"} process: RSS (mean of the lanes and runs)`, bytes(rss.reduce((a, b) => a + b, 0) / rss.length), { result: names.processes, runs: children.runs.length })} of RSS (a whole ${onNode ? "Node.js" : "CPython interpreter"}).`);
  }
  const measuredThreads = [names.pool ? "for the pool" : "", names.spawn ? `for a ${thread} per task` : ""].filter(Boolean).join(" and ");
  text.push(
    `Threshold: holds when a ${thread} takes more memory than a pending async task in every run (the ranges of the runs apart), ${measuredThreads}. ` +
      (onNode
        ? "*Not measured by this verdict:* memory per worker should be about the same on a machine with more cores. In CPython the claim should hold with a far smaller gap: a thread is an OS stack plus a small thread state in the one interpreter, not a second JavaScript engine."
        : "On CPython a thread is an OS thread whose stack is reserved but mostly not touched, plus a small thread state in the one interpreter, and a coroutine a frame and a task object on the one heap, so the gap is far smaller than between a Node worker (a second JavaScript engine) and a promise. A free-threaded build keeps per-thread state of its own (allocator heaps, reference-count shards), so a thread there may cost more."),
  );
  return ev.verdict(outcomeOf(findings), text);
}

/**
 * C12: `trivial`, a comparison of a body that does nothing under async (first), a pool (threads) and
 * optionally processes; `spawn`, optionally a result holding a %%threads --spawn experiment whose
 * per-task worker start-up is read.
 */
export function judgeC12(results: KeptResults | undefined, names: { trivial: string; spawn?: string }): VerdictInput {
  const claims: ClaimId[] = ["C12"];
  const got = gather(results, { trivial: { name: names.trivial, kind: "comparison" }, ...(names.spawn ? { spawn: { name: names.spawn, kind: anyKind(results, names.spawn) } } : {}) });
  if (!got.ok) return cannotJudge(claims, got);
  const ev = new Evidence(claims, got.from);
  const trivial = got.results.trivial;
  const asyncRun = modelIn(trivial, "async");
  const pool = modelIn(trivial, "threads");
  if (trivial.models[0] !== "async" || !asyncRun || !pool) return ev.cannotJudge([`$results.${names.trivial} (${trivial.magicLine}) must compare a pool (threads) against async, with async first in --models.`]);
  const perTask = (e: ExperimentResult, what: string, strong = false) => ev.quote(`${what}: wall time per task`, spreadText(wallPerTask(e), micros), { result: names.trivial, runs: e.runs.length }, strong);
  const dispatch = wallReading(trivial, "threads") as WallReading;
  const onNode = runtimeOf(trivial) === "node";
  const text = [
    `A body that does nothing, ${asyncRun.options.tasks} tasks, runs interleaved: per task, async ${perTask(asyncRun, "async", true)}, a warm pool of ${pool.options.workers} ${threadWord(trivial)}s ${perTask(pool, "pool", true)} (${onNode ? "a message to a worker and back" : "a submit through the pool's queue and its lock, and back"})` +
      (modelIn(trivial, "processes") ? `, ${modelIn(trivial, "processes")?.options.workers} child processes ${perTask(modelIn(trivial, "processes") as ExperimentResult, "processes")}` : "") +
      `. The pool took ${ev.quote("pool against async: wall time", times(dispatch.value), readingSource(dispatch, names.trivial), true)} async's time and ${testWords(dispatch.verdict, "async")}.`,
  ];
  const findings: Finding[] = [findingOfTest(dispatch.verdict, "slower")];
  if (names.spawn) {
    const spawned = experimentsOf((got.results as { spawn: ConclabResult }).spawn).find((e) => e.model === "threads" && e.options.spawn && e.startup?.perTaskMs);
    const start = spawned?.startup?.perTaskMs;
    if (!spawned || !start) return ev.cannotJudge([`$results.${names.spawn} holds no %%threads --spawn experiment with its workers' start-up measured.`], text);
    const f = rangeFinding(wallPerTask(asyncRun), start);
    findings.push(f);
    text.push(`A new ${threadWord(trivial)} per task took ${ev.quote(`spawn: each task's worker, from creation to running the body (${start.of} starts)`, spreadText(start, formatMs), { result: names.spawn, runs: spawned.runs.length }, true)} to start: ${times(start.median / Math.max(wallPerTask(asyncRun).median, 1e-9))} an async task's whole cost, ${rangeWords(f)}.`);
  }
  text.push(
    `Threshold: holds when a pool's dispatch is slower than async${names.spawn ? " and a new worker per task costs more than an async task in every run" : ""}. ${PAIRED_TEST_RULE} ` +
      (onNode
        ? "*Not measured by this verdict:* batching tasks per message (`--schedule chunk=K`) cuts a pool's cost per task, and more cores let workers take messages in parallel; in CPython the order should be the same (a coroutine step, a `ThreadPoolExecutor.submit` with its lock and queue, a new `Thread`), with a much cheaper thread start than a Node worker."
        : "On CPython a coroutine step, a `ThreadPoolExecutor.submit` (a lock, a queue and a future) and a new `threading.Thread` are what these figures compare; a free-threaded build would not make a submit cheaper (the lock and the queue stay), so this verdict should stand there."),
  );
  return ev.verdict(outcomeOf(findings), text);
}

/** Handing data to a thread is costly when a round trip takes at least this many times an async task's handoff, every run. */
const COSTLY = 5;

/**
 * C1 and C12 for data: `copied`, `transferred` and `shared`, tasks that each send a buffer to a
 * worker thread and get it back (structured clone, transfer, SharedArrayBuffer), one after another;
 * `async`, async tasks handed the same buffer. Every task returns the buffer's size in bytes.
 */
export function judgeDataHandoff(results: KeptResults | undefined, names: { copied: string; transferred: string; shared: string; async: string }): VerdictInput {
  const claims: ClaimId[] = ["C1", "C12"];
  const got = gather(results, {
    copied: { name: names.copied, kind: "experiment" },
    transferred: { name: names.transferred, kind: "experiment" },
    shared: { name: names.shared, kind: "experiment" },
    async: { name: names.async, kind: "experiment" },
  });
  if (!got.ok) return cannotJudge(claims, got);
  const ev = new Evidence(claims, got.from);
  const { copied, transferred, shared } = got.results;
  const handed = got.results.async;
  const sizes = [copied, transferred, shared, handed].flatMap((e) => valuesOf(e) ?? [undefined]);
  if (sizes.length === 0 || !sizes.every((v) => typeof v === "number" && v === sizes[0])) {
    return ev.cannotJudge([`every task must return the size of the buffer it got, the same everywhere; got ${[...new Set(sizes.map(String))].join(", ")}: some task saw a buffer of the wrong size, so the comparison is void.`]);
  }
  const size = sizes[0] as number;
  const trip = (e: ExperimentResult, name: string, what: string) => ev.quote(`${what}: wall time per task`, spreadText(wallPerTask(e), formatMs), { result: name, runs: e.runs.length }, true);
  const base = wallPerTask(handed);
  const methods = [
    { e: copied, name: names.copied, what: "copied (structured clone)" },
    { e: transferred, name: names.transferred, what: "transferred" },
    { e: shared, name: names.shared, what: "shared (a `SharedArrayBuffer`)" },
  ];
  const findings = methods.map(({ e }): Finding => {
    const t = wallPerTask(e);
    return t.median < COSTLY * base.median ? "contradicts" : apart(base, t) ? "supports" : "not shown";
  });
  const copyOverTransfer = wallPerTask(copied).median / wallPerTask(transferred).median;
  const text = [
    `A round trip of ${bytes(size)} to a worker thread and back: ${methods.map((m) => `${m.what} ${trip(m.e, m.name, m.what)}`).join(", ")}. ` +
      `Handing the same buffer to an async task took ${ev.quote("async: wall time per task (a reference, no copy)", spreadText(base, formatMs), { result: names.async, runs: handed.runs.length }, true)} per task. ` +
      `Copying cost ${ev.quote("copied over transferred, per task (medians)", times(copyOverTransfer), { result: names.copied, runs: Math.min(copied.runs.length, transferred.runs.length) })} a transfer: that part grows with the data, the rest is the message itself.`,
    `Against the async handoff: ${methods.map((m, i) => `${m.what} ${times(wallPerTask(m.e).median / Math.max(base.median, 1e-9))} (${findings[i] === "supports" ? "costly" : findings[i] === "contradicts" ? `under ${COSTLY}×` : "ranges overlap"})`).join(", ")}. ` +
      `Threshold: a way of handing data to a thread is costly when its round trip takes at least ${COSTLY}× an async task's handoff, every run slower; holds when every way is, in part when some are.`,
    "*Not measured by this verdict:* a copy is bounded by memory bandwidth, not cores, so more cores should not make it cheaper. In CPython threads share objects, so handing them data should be as cheap as handing it to a coroutine; the copying cost appears there with processes (pickling).",
  ];
  return ev.verdict(outcomeOf(findings), text);
}
