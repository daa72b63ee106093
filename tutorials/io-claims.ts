/**
 * The verdicts on the article's I/O claims (notebooks 00 and 01): C1 async is faster than threads
 * because creating and synchronising threads costs time; C2 threads work better for lots of I/O;
 * C7 async is best for I/O-bound work and scales better.
 */
import type { ComparisonResult, ExperimentResult, SweepResult } from "../magics/result/experiment-result";
import { formatMs } from "../common/units";
import { ClaimId, Evidence, Finding, KeptResults, VerdictInput, cannotJudge, gather, outcomeOf } from "./evidence";
import { PAIRED_TEST_RULE, WallReading, apart, bytes, comparisonsOf, experimentsIn, findingOfTest, freeThreaded, inFlight, modelIn, perRun, readingSource, runtimeOf, spreadText, taskDurations, testWords, threadWord, times, wallReading } from "./readings";

/** C1: the comparison `io` of async (first, the baseline), spawn (a new worker per request) and, if run, a pool (threads) and sync. */
export function judgeC1(results: KeptResults | undefined, names: { io: string }): VerdictInput {
  const claims: ClaimId[] = ["C1"];
  const got = gather(results, { io: { name: names.io, kind: "comparison" } });
  if (!got.ok) return cannotJudge(claims, got);
  const { io } = got.results;
  const ev = new Evidence(claims, got.from);
  const asyncRun = modelIn(io, "async");
  const spawn = modelIn(io, "spawn");
  if (io.models[0] !== "async" || !asyncRun) return ev.cannotJudge([`${io.magicLine} compares against ${io.models[0]}: put async first in --models, so that every ratio is against async.`]);
  if (!spawn) return ev.cannotJudge([`${io.magicLine} ran no spawn model (a new worker thread per request), which is what the claim is about: add spawn to --models.`]);
  const pool = modelIn(io, "threads");
  const sync = modelIn(io, "sync");
  const name = names.io;
  const latency = asyncRun.options.serverLatencyMs;
  const onNode = runtimeOf(io) === "node";
  const thread = threadWord(io);
  const wall = (e: ExperimentResult, what: string, strong = false) => ev.quote(`${what}: wall time`, spreadText(e.summary.wallMs, formatMs), { result: name, runs: e.summary.wallMs.of }, strong);
  const ratio = (r: WallReading, what: string) => ev.quote(`${what} against async: wall time`, times(r.value), readingSource(r, name), true);

  const spawnReading = wallReading(io, "spawn") as WallReading;
  const poolReading = pool ? (wallReading(io, "threads") as WallReading) : undefined;
  const findings: Finding[] = [findingOfTest(spawnReading.verdict, "slower"), ...(poolReading ? [findingOfTest(poolReading.verdict, "slower")] : [])];

  const measuredText: string[] = [
    `${asyncRun.options.tasks} requests to the loopback server, each answered after ${latency} ms, runs interleaved. Async, every request on the one event loop: ${wall(asyncRun, "async", true)}.`,
    `A new ${thread} per request (spawn): ${wall(spawn, "spawn")}, ${ratio(spawnReading, "spawn")} async's time; it ${testWords(spawnReading.verdict, "async")}.`,
  ];
  const startup = spawn.startup;
  if (startup?.aloneMs !== undefined) {
    const alone = ev.quote("one worker started alone: start-up", formatMs(startup.aloneMs), { result: name, runs: 1 });
    measuredText.push(`Starting one ${onNode ? "worker" : "thread"} alone took ${alone}, ${times(startup.aloneMs / Math.max(latency, 1e-9))} a request's latency.`);
  }
  if (startup?.perTaskMs) {
    const perTask = ev.quote(`spawn: each request's worker, from creation to running the body (${startup.perTaskMs.of} starts)`, spreadText(startup.perTaskMs, formatMs), { result: name, runs: spawn.runs.length });
    measuredText.push(`In the runs, each request's ${onNode ? "worker" : "thread"} took ${perTask} to start${startup.startsAtOnce !== undefined && startup.startsAtOnce > 1 ? `, with up to ${startup.startsAtOnce} starting at once on ${io.machine.cores} cores` : ""}.`);
  }
  if (pool && poolReading) {
    const started = pool.startup ? ` Its start-up, ${ev.quote("pool: start-up before the runs", formatMs(pool.startup.wallMs), { result: name, runs: 1 })}, is not in that figure.` : "";
    measuredText.push(`A pool of ${pool.options.workers} ${onNode ? "workers" : "threads"} started before the runs: ${wall(pool, "pool")}, ${ratio(poolReading, "pool")} async's time; it ${testWords(poolReading.verdict, "async")}.${started}`);
  }
  if (sync) measuredText.push(`One request after another (sync): ${wall(sync, "sync")}.`);

  const spawnSlower = spawnReading.verdict === "slower";
  const poolSlower = poolReading?.verdict === "slower";
  let reading: string;
  if (spawnSlower && poolReading && !poolSlower && findings[1] === "contradicts") reading = "So what cost time was *creating* threads: threads that already existed waited for the network as well as async did, or better.";
  else if (spawnSlower && poolSlower)
    reading = onNode
      ? "Both kinds of thread were slower than async: a new worker pays its start-up, and even an existing one pays a message to the worker and back for each request."
      : "Both kinds of thread were slower than async: a new thread pays its start-up, and even an existing one pays the hand-over through the pool's queue, and the GIL, for each request.";
  else if (spawnSlower) reading = poolReading ? "Creating a thread per request cost time, as the article says; for the pool, these runs showed nothing either way." : "Creating a thread per request cost time, as the article says.";
  else if (findings[0] === "contradicts") reading = "Creating a thread per request did not make threads slower than async here.";
  else reading = "These runs could not tell a thread per request from async, so they do not say whether creating threads costs time.";

  return ev.verdict(outcomeOf(findings), [
    measuredText.join(" "),
    `${reading} Threshold: holds when new threads${pool ? " and pooled threads" : ""} are slower than async. ${PAIRED_TEST_RULE}`,
    onNode
      ? "*Not measured by this verdict:* with more cores, workers that start at once would contend less and the spawn figure would fall, though each Node worker remains a whole V8 isolate. " +
        "A CPython thread shares one interpreter and starts much faster than a Node worker, so the gap the article describes should be smaller there."
      : "On CPython a thread is an OS thread in the one interpreter: it starts without a runtime of its own, and while it waits for the socket it releases the GIL, so the verdict rests on the start-up and hand-over figures above. " +
        `A free-threaded build (python3.13t) should not change this verdict much: threads that wait hold no GIL${freeThreaded(io) ? " (this build ran with the GIL off)" : ""}.`,
  ]);
}

/** C2: `block`, async (first) against threads with a blocking call in every task; `io`, the same with non-blocking requests; `pools`, optionally a sweep of a pool's size. */
export function judgeC2(results: KeptResults | undefined, names: { io: string; block: string; pools?: string }): VerdictInput {
  const claims: ClaimId[] = ["C2"];
  const got = gather(results, {
    io: { name: names.io, kind: "comparison" },
    block: { name: names.block, kind: "comparison" },
    ...(names.pools ? { pools: { name: names.pools, kind: "sweep" as const } } : {}),
  });
  if (!got.ok) return cannotJudge(claims, got);
  const { io, block } = got.results;
  const pools = (got.results as { pools?: SweepResult }).pools;
  const ev = new Evidence(claims, got.from);
  for (const [c, name] of [[io, names.io], [block, names.block]] as const) {
    if (c.models[0] !== "async" || !modelIn(c, "threads")) return ev.cannotJudge([`$results.${name} (${c.magicLine}) must compare threads against async, with async first in --models.`]);
  }
  const ioAsync = modelIn(io, "async") as ExperimentResult;
  const ioPool = modelIn(io, "threads") as ExperimentResult;
  const blockAsync = modelIn(block, "async") as ExperimentResult;
  const blockPool = modelIn(block, "threads") as ExperimentResult;
  const nonBlocking = wallReading(io, "threads", "speedup") as WallReading;
  const blocking = wallReading(block, "threads", "speedup") as WallReading;
  const wall = (e: ExperimentResult, what: string, result: string) => ev.quote(`${what}: wall time`, spreadText(e.summary.wallMs, formatMs), { result, runs: e.summary.wallMs.of });
  const speedup = (r: WallReading, what: string, result: string) => ev.quote(`${what}: async's wall time over the pool's`, times(r.value), readingSource(r, result), true);
  const held = taskDurations(blockPool);

  const text: string[] = [];
  const sync = modelIn(io, "sync");
  const against: string[] = [];
  if (sync) {
    const bySync = ev.quote("sync's wall time over the pool's (medians)", times(sync.summary.wallMs.median / ioPool.summary.wallMs.median), { result: names.io, runs: Math.min(sync.summary.wallMs.of, ioPool.summary.wallMs.of) });
    against.push(`Against one request at a time, the pool of ${ioPool.options.workers} finished the ${ioPool.options.tasks} requests in ${wall(ioPool, "pool", names.io)}, sync in ${wall(sync, "sync", names.io)}: ${bySync} faster.`);
  }
  if (pools && pools.parameter === "workers") {
    const points = experimentsIn(pools, names.pools as string);
    const shown = points.map((p) => `${p.value} → ${ev.quote(`pool of ${p.value}: wall time`, spreadText(p.experiment.summary.wallMs, formatMs), { result: p.result, runs: p.experiment.summary.wallMs.of })}`);
    const falling = points.every((p, i) => i === 0 || apart(p.experiment.summary.wallMs, points[i - 1].experiment.summary.wallMs));
    against.push(`A pool's wall time against its size (workers → wall time): ${shown.join(", ")}; ${falling ? "every larger pool was faster in every run" : "not every larger pool was faster in every run"}.`);
  }
  if (against.length > 0) text.push(against.join(" "));
  const onNode = runtimeOf(io) === "node";
  text.push(
    `Against async: with ${onNode ? "Node's non-blocking HTTP" : "asyncio's non-blocking requests (blocking ones in the pool's threads)"}, async took ${wall(ioAsync, "async, non-blocking", names.io)} and the pool ${wall(ioPool, "pool, non-blocking", names.io)}, a speed-up of ${speedup(nonBlocking, "non-blocking", names.io)}: the pool ${testWords(nonBlocking.verdict, "async")}. ` +
      `With a blocking call in every task (it held its thread for ${ev.quote("blocking call: task duration", spreadText(held, formatMs), { result: names.block, runs: 1 })}), async took ${wall(blockAsync, "async, blocking", names.block)}, ` +
      `${blockPool.options.workers} threads ${wall(blockPool, "threads, blocking", names.block)}: a speed-up of ${speedup(blocking, "blocking", names.block)}; the pool ${testWords(blocking.verdict, "async")}.`,
  );
  const findings: Finding[] = [findingOfTest(blocking.verdict, "faster"), findingOfTest(nonBlocking.verdict, "faster")];
  const [whenBlocking, whenNot] = findings;
  let reading: string;
  if (whenBlocking === "supports" && whenNot === "supports") reading = "Threads were better than async for both kinds of I/O.";
  else if (whenBlocking === "supports" && whenNot === "contradicts")
    reading = `Threads won only where the call blocks: for non-blocking I/O the one event loop overlapped the waits ${nonBlocking.verdict === "slower" ? "better than" : "as well as"} the threads did.`;
  else if (whenBlocking === "supports") reading = "Threads won where the call blocks; for non-blocking I/O these runs could not tell them from async.";
  else if (whenNot === "supports") reading = `Threads were better for non-blocking I/O but ${whenBlocking === "contradicts" ? "not" : "not shown to be"} for blocking calls.`;
  else if (whenBlocking === "contradicts" && whenNot === "contradicts") reading = "Threads were no better than async for either kind of I/O.";
  else reading = "These runs did not show threads better than async for either kind of I/O, and could not tell them apart for at least one.";
  text.push(`${reading} Threshold: holds when threads are faster than async for blocking and for non-blocking I/O, in part when for one of them. ${PAIRED_TEST_RULE}`);
  text.push(
    onNode
      ? "*Not measured by this verdict:* in CPython most libraries (requests, database drivers) block, and a thread waiting on a socket releases the GIL, so threads are the usual way to overlap I/O there: the case the article has in mind. " +
        "A thread blocked in a wait uses no CPU, so more cores should not change these figures much."
      : "On CPython the blocking call (`time.sleep`, or a blocking request) releases the GIL while it waits, so threads overlap it and the one event loop cannot: the case the article has in mind, since most Python libraries (requests, database drivers) block. " +
        "A free-threaded build should not change this verdict: a thread blocked in a wait holds no GIL and uses no CPU.",
  );
  return ev.verdict(outcomeOf(findings), text);
}

/** The comparison of `result` with the most tasks (a sweep's last point, or the comparison itself). */
function largestPoint(result: ComparisonResult | SweepResult, name: string): { comparison: ComparisonResult; result: string } | undefined {
  return comparisonsOf(result, name).sort((a, b) => b.comparison.experiments[0].options.tasks - a.comparison.experiments[0].options.tasks)[0];
}

/**
 * C7: `many`, unbounded async (first) against a pool (threads), a comparison or a sweep of them over
 * --tasks (its largest point decides); `equal`, the control: async with --concurrency equal to the
 * pool's workers, against the pool (it may be `many` itself when every request fits in the pool).
 */
export function judgeC7(results: KeptResults | undefined, names: { many: string; equal: string }): VerdictInput {
  const claims: ClaimId[] = ["C7"];
  const kindOf = (name: string) => (results?.[name]?.kind === "conclab.sweep" ? ("sweep" as const) : ("comparison" as const));
  const got = gather(results, { many: { name: names.many, kind: kindOf(names.many) }, equal: { name: names.equal, kind: kindOf(names.equal) } });
  if (!got.ok) return cannotJudge(claims, got);
  const ev = new Evidence(claims, got.from);
  const many = largestPoint(got.results.many, names.many);
  const equal = largestPoint(got.results.equal, names.equal);
  for (const [point, name] of [[many, names.many], [equal, names.equal]] as const) {
    if (!point || point.comparison.models[0] !== "async" || !modelIn(point.comparison, "threads")) return ev.cannotJudge([`$results.${name} must compare a pool (threads) against async, with async first in --models.`]);
  }
  const { comparison: c, result: at } = many as { comparison: ComparisonResult; result: string };
  const { comparison: ce, result: controlAt } = equal as { comparison: ComparisonResult; result: string };
  const asyncRun = modelIn(c, "async") as ExperimentResult;
  const pool = modelIn(c, "threads") as ExperimentResult;
  const requests = asyncRun.options.tasks;
  const perSecond = (e: ExperimentResult, what: string) =>
    ev.quote(`${what}: requests per second`, spreadText(perRun(e, (r) => e.options.tasks / (r.wallMs / 1000)), (v) => v.toFixed(0)), { result: at, runs: e.runs.length }, true);
  const poolReading = wallReading(c, "threads") as WallReading;
  const onNode = runtimeOf(c) === "node";

  const text: string[] = [];
  const scaling = comparisonsOf(got.results.many, names.many);
  if (scaling.length > 1) {
    const shown = scaling.map((p) => {
      const r = wallReading(p.comparison, "threads") as WallReading;
      return `${p.comparison.experiments[0].options.tasks} → ${ev.quote(`pool against async at ${p.comparison.experiments[0].options.tasks} requests: wall time`, times(r.value), readingSource(r, p.result))} (${r.verdict})`;
    });
    text.push(`The pool's wall time over async's at each number of requests: ${shown.join("; ")}.`);
  }
  const asyncCpu = ev.quote("async: CPU of the main thread per run (the body's thread only)", spreadText(asyncRun.summary.bodyCpuMs, formatMs), { result: at, runs: asyncRun.summary.bodyCpuMs.of });
  text.push(
    `At ${requests} requests of ${asyncRun.options.serverLatencyMs} ms, async served ${perSecond(asyncRun, "async")} requests/s with up to ${ev.quote("async: requests in flight at once", String(Math.max(...asyncRun.runs.map((r) => inFlight(r.tasks)))), { result: at, runs: asyncRun.runs.length })} in flight on one thread, ` +
      `using ${asyncCpu} of CPU on it per run (without the kernel's loopback server); ` +
      `a pool of ${pool.options.workers} ${threadWord(c)}s served ${perSecond(pool, "pool")} requests/s: it took ${ev.quote("pool against async: wall time", times(poolReading.value), readingSource(poolReading, at), true)} async's time and ${testWords(poolReading.verdict, "async")}.`,
  );

  // Memory per request in flight: the RSS each run added over its in-flight peak; the pool's workers
  // hold their start-up RSS as well, beyond what async's own start-up took (on CPython both start an
  // interpreter, about 24 MiB, which is no thread's cost).
  const asyncMemory = perRun(asyncRun, (r) => r.peakRssAboveBaselineBytes / Math.max(inFlight(r.tasks), 1));
  const asyncStart = asyncRun.startup ? asyncRun.startup.rssAboveBaselineBytes : 0;
  const poolStart = pool.startup?.rssAboveBaselineBytes === undefined || asyncStart === undefined ? undefined : Math.max(0, pool.startup.rssAboveBaselineBytes - asyncStart);
  const poolMemory = poolStart === undefined ? undefined : perRun(pool, (r) => (poolStart + r.peakRssAboveBaselineBytes) / Math.max(inFlight(r.tasks), 1));
  let memoryFinding: Finding = "not shown";
  const asyncMemoryText = ev.quote("async: RSS per request in flight (peak above baseline / in flight)", spreadText(asyncMemory, bytes), { result: at, runs: asyncMemory.of }, true);
  if (poolMemory) {
    memoryFinding = apart(asyncMemory, poolMemory) ? "supports" : apart(poolMemory, asyncMemory) ? "contradicts" : "not shown";
    const poolMemoryText = ev.quote("pool: RSS per request in flight ((start-up beyond async's + peak above baseline) / in flight)", spreadText(poolMemory, bytes), { result: at, runs: poolMemory.of }, true);
    const compared = memoryFinding === "supports" ? "less in every run" : memoryFinding === "contradicts" ? "more in every run" : "ranges that overlap, so no difference shown";
    const startText = asyncRun.startup
      ? `its start-up RSS beyond async's own included: ${bytes(poolStart as number)}, of ${bytes(pool.startup?.rssAboveBaselineBytes as number)} against async's ${bytes(asyncStart as number)}, which both paid to start ${onNode ? "their runtime" : "an interpreter"}`
      : "its workers' start-up RSS included";
    text.push(`Memory per request in flight: async ${asyncMemoryText}, the pool ${poolMemoryText} (${startText}): async used ${compared}.`);
  } else {
    text.push(`Memory per request in flight: async ${asyncMemoryText}; the pool's start-up RSS${asyncStart === undefined ? " beyond async's" : ""} was not measured, so its memory per request is not known.`);
  }

  const asyncControl = modelIn(ce, "async") as ExperimentResult;
  const poolControl = modelIn(ce, "threads") as ExperimentResult;
  const asyncCap = Math.min(asyncControl.options.concurrency ?? asyncControl.options.tasks, asyncControl.options.tasks);
  const poolCap = Math.min(poolControl.options.workers ?? 0, poolControl.options.tasks);
  if (asyncControl.options.tasks !== requests) {
    return ev.cannotJudge([`the control $results.${names.equal} ran ${asyncControl.options.tasks} requests where the comparison read here ran ${requests}: run it with --tasks ${requests}.`], text);
  }
  if (asyncCap !== poolCap) {
    return ev.cannotJudge(
      [`$results.${names.equal} is not an equal-concurrency control: async could have ${asyncCap} requests in flight and the pool ${poolCap}; run async with --concurrency ${poolCap} beside the pool.`],
      text,
    );
  }
  const control = wallReading(ce, "threads") as WallReading;
  const controlText = ev.quote("equal concurrency: pool against async: wall time", times(control.value), readingSource(control, controlAt), true);
  const attribution =
    control.verdict === "slower"
      ? `so even with no more requests in flight than the pool, each request cost more through a ${onNode ? "worker (a message there and back)" : "thread (a hand-over through the pool's queue, and the GIL)"} than on the event loop`
      : control.verdict === "faster" || control.verdict === "negligible"
        ? `so async's lead in the unbounded runs came from having all ${requests} requests in flight at once, which is what costs it little memory per request`
        : "these runs could not tell the two apart at equal concurrency, so they do not say how much of async's lead is the concurrency itself";
  const control0 = names.equal === names.many ? "Every request fitted in the pool, so this comparison is its own control" : "The control";
  text.push(`${control0}, at equal concurrency (${asyncCap} requests in flight for each, ${asyncControl.options.tasks} requests): the pool took ${controlText} async's time and ${testWords(control.verdict, "async")}; ${attribution}.`);

  const findings: Finding[] = [findingOfTest(poolReading.verdict, "slower"), memoryFinding];
  const [speed] = findings;
  const reading =
    speed === "supports" && memoryFinding === "supports"
      ? "Async had the throughput and the lighter footprint per request."
      : speed === "supports"
        ? "Async had the throughput; for the memory per request, the figures above decide nothing or go the other way."
        : memoryFinding === "supports"
          ? "Async was lighter per request, but not shown faster."
          : "Async was neither shown faster nor lighter per request.";
  text.push(`${reading} Threshold: holds when, at the most requests, the pool is slower than unbounded async and async uses less memory per request in flight in every run. ${PAIRED_TEST_RULE}`);
  const share = asyncRun.summary.bodyCpuMs.median / asyncRun.summary.wallMs.median;
  text.push(
    `The event loop's thread was busy for ${ev.quote("async: the main thread's CPU over the wall time", `${(100 * share).toFixed(0)}%`, { result: at, runs: asyncRun.summary.wallMs.of })} of the wall time. ` +
      "*Not measured by this verdict:* with far more requests, that one core would become the limit, and more cores would help only by running more event loops (processes, or workers that each run many async requests). " +
      (onNode
        ? "CPython's asyncio should scale the same way; a CPython thread per request costs less memory than a Node worker, though each still has its own stack."
        : "On CPython each pooled thread has its own stack and thread state, and every request takes the GIL to run its Python code; a free-threaded build would not change this I/O-bound verdict much, since the threads spend their time waiting."),
  );
  return ev.verdict(outcomeOf(findings), text);
}
