/**
 * The verdicts on parallelism and responsiveness (notebooks 00 and 04): C5 threads give parallelism,
 * async gives concurrency; C11 threads keep a GUI responsive while long work runs.
 */
import type { ExperimentResult } from "../magics/result/experiment-result";
import { formatMs } from "../common/units";
import { ClaimId, Evidence, Finding, KeptResults, VerdictInput, cannotJudge, gather, machineBusy, outcomeOf } from "./evidence";
import { comparisonsOf, coresBusy, freeThreaded, inFlightOf, lanesUsed, modelIn, runtimeOf, spreadText, taskDurations, threadWord, times } from "./readings";

/** Parallel means this many cores' worth of CPU or more, on average over a run. */
const PARALLEL = 1.5;

/**
 * C5: `cpu`, CPU-bound tasks compared under threads and a main-thread model (async, or sync): a
 * comparison, or a sweep of them over --workers (the point with the most workers not above the
 * cores is read); `io`, I/O-bound tasks compared under async and (optionally) threads.
 */
export function judgeC5(results: KeptResults | undefined, names: { cpu: string; io: string }): VerdictInput {
  const claims: ClaimId[] = ["C5"];
  const cpuKind = results?.[names.cpu]?.kind === "conclab.sweep" ? ("sweep" as const) : ("comparison" as const);
  const got = gather(results, { cpu: { name: names.cpu, kind: cpuKind }, io: { name: names.io, kind: "comparison" } });
  if (!got.ok) return cannotJudge(claims, got);
  const ev = new Evidence(claims, got.from);
  const io = got.results.io;
  const cores = io.machine.cores;
  const candidates = comparisonsOf(got.results.cpu, names.cpu).filter((p) => modelIn(p.comparison, "threads") && (modelIn(p.comparison, "async") ?? modelIn(p.comparison, "sync")));
  const cpu = [...candidates].filter((p) => (modelIn(p.comparison, "threads")?.options.workers ?? 0) <= cores).pop() ?? candidates[0];
  const ioAsync = modelIn(io, "async");
  if (!cpu) return ev.cannotJudge([`$results.${names.cpu} must compare threads with async or sync on CPU-bound work.`]);
  if (!ioAsync) return ev.cannotJudge([`$results.${names.io} must include async on I/O-bound work.`]);
  const threads = modelIn(cpu.comparison, "threads") as ExperimentResult;
  const single = (modelIn(cpu.comparison, "async") ?? modelIn(cpu.comparison, "sync")) as ExperimentResult;
  const busy = machineBusy(got.from);

  const threadsBusy = coresBusy(threads);
  const singleBusy = coresBusy(single);
  const cpuRuns = (e: ExperimentResult) => ({ result: cpu.result, runs: e.runs.length });
  let parallel: Finding = threadsBusy.median >= PARALLEL ? "supports" : "contradicts";
  let caveat = "";
  if (parallel === "contradicts" && cores < 2) {
    parallel = "not shown";
    caveat = " With one core, no two threads can run at once, so this machine cannot show parallelism.";
  } else if (parallel === "contradicts" && busy.busy) {
    parallel = "not shown";
    caveat = " The machine was busy, so the threads may not have had the cores: re-run on a quiet machine.";
  }
  const serial: Finding = singleBusy.median < PARALLEL ? "supports" : "contradicts";
  const singleInFlight = inFlightOf(single);
  const asyncInFlight = inFlightOf(ioAsync);
  const asyncLanes = lanesUsed(ioAsync);
  const concurrent: Finding = asyncInFlight.median >= 2 && asyncLanes === 1 ? "supports" : "contradicts";
  const ioThreads = modelIn(io, "threads");
  const ioRuns = (e: ExperimentResult) => ({ result: names.io, runs: e.runs.length });

  const text: string[] = [
    `CPU-bound: ${threads.options.workers} worker threads kept ${ev.quote("threads, CPU-bound: cores busy (the workers' CPU / wall)", spreadText(threadsBusy, (v) => v.toFixed(2)), cpuRuns(threads), true)} cores busy ` +
      `(wall ${ev.quote("threads, CPU-bound: wall time", spreadText(threads.summary.wallMs, formatMs), cpuRuns(threads))}), ` +
      `${single.model} on the main thread ${ev.quote(`${single.model}, CPU-bound: cores busy (the main thread's CPU / wall)`, spreadText(singleBusy, (v) => v.toFixed(2)), cpuRuns(single))} ` +
      `(wall ${ev.quote(`${single.model}, CPU-bound: wall time`, spreadText(single.summary.wallMs, formatMs), cpuRuns(single))}), ` +
      `with ${ev.quote(`${single.model}, CPU-bound: tasks in flight at once`, spreadText(singleInFlight, String), cpuRuns(single))} of its ${single.options.tasks} tasks in flight at once.${caveat}`,
    `I/O-bound: async had ${ev.quote("async, I/O-bound: tasks in flight at once", spreadText(asyncInFlight, String), ioRuns(ioAsync), true)} of ${ioAsync.options.tasks} tasks in flight at once on ${asyncLanes} thread${asyncLanes === 1 ? "" : "s"}, ` +
      `keeping ${ev.quote("async, I/O-bound: cores busy", spreadText(coresBusy(ioAsync), (v) => v.toFixed(2)), ioRuns(ioAsync))} cores busy` +
      (ioThreads ? `; the pool of ${ioThreads.options.workers} had ${ev.quote("threads, I/O-bound: tasks in flight at once", spreadText(inFlightOf(ioThreads), String), ioRuns(ioThreads))} in flight on ${lanesUsed(ioThreads)} threads.` : "."),
  ];
  const reading = [
    parallel === "supports" ? "the threads ran in parallel" : parallel === "contradicts" ? "the threads did not run in parallel" : "whether the threads ran in parallel is not shown",
    serial === "supports" ? `${single.model} used about one core` : `${single.model} used more than one core`,
    concurrent === "supports" ? "async overlapped its waits on one thread: concurrency without parallelism" : "async did not have several tasks in flight on one thread",
  ];
  text.push(
    `So ${reading.join("; ")}. Threshold: parallel means at least ${PARALLEL} cores busy on average; concurrent means at least two tasks in flight at once on one thread. Holds when all three hold.`,
    `*Prediction, not measured here:* with more cores and as many workers, the threads' cores busy could rise up to the number of cores (${cores} here) or of tasks (${threads.options.tasks}), whichever is smaller. ` +
      "*Not measured by this verdict:* in CPython, threads give concurrency, but the GIL serialises CPU-bound Python code, so \"threading provides parallelism\" holds there only for code that releases the GIL (I/O, NumPy), or with processes.",
  );
  return ev.verdict(outcomeOf([parallel, serial, concurrent]), text);
}

/** A frame at 60 frames per second, in ms. */
const FRAME_MS = 1000 / 60;
/** Responsive: the main loop never late by more than this many frames. */
const FRAMES = 3;
/** The work on the main thread must delay its loop at least this many times more, or the experiment shows no contrast. */
const CONTRAST = 5;

/**
 * C11: `gui`, a comparison of long work on the main thread (sync) and in a worker (threads), with the
 * main thread's event-loop delay: the kernel's on Node; on CPython (%%python) the harness's main-thread
 * asyncio loop, which the threads must share the interpreter with.
 */
export function judgeC11(results: KeptResults | undefined, names: { gui: string }): VerdictInput {
  const claims: ClaimId[] = ["C11"];
  const got = gather(results, { gui: { name: names.gui, kind: "comparison" } });
  if (!got.ok) return cannotJudge(claims, got);
  const ev = new Evidence(claims, got.from);
  const { gui } = got.results;
  const onMain = modelIn(gui, "sync");
  const inWorker = modelIn(gui, "threads");
  if (!onMain || !inWorker) return ev.cannotJudge([`$results.${names.gui} (${gui.magicLine}) must compare sync (the work on the main thread) with threads (the work in a worker).`]);
  const busy = machineBusy(got.from);
  const frozen = onMain.summary.loopDelayMaxMs;
  const responsive = inWorker.summary.loopDelayMaxMs;
  const limit = FRAMES * FRAME_MS;
  const source = (e: ExperimentResult) => ({ result: names.gui, runs: e.summary.loopDelayMaxMs.of });
  const work = taskDurations(inWorker);
  const kept = responsive.median <= limit;
  const contrast = frozen.median >= CONTRAST * responsive.median;
  let finding: Finding = kept && contrast ? "supports" : !kept && busy.busy === false ? "contradicts" : "not shown";
  const why = finding === "supports" ? "" : !kept && busy.busy ? " The machine was busy, which delays the main loop as well: re-run on a quiet machine." : !kept && busy.busy === undefined ? ` Whether the machine was busy is not known (${busy.text}), and a busy one delays the main loop as well.` : kept && !contrast ? ` The work on the main thread did not delay its loop ${CONTRAST}× more, so this experiment shows no contrast to judge by: make the work longer.` : "";
  if (!Number.isFinite(frozen.median) || !Number.isFinite(responsive.median)) finding = "not shown";
  const onNode = runtimeOf(gui) === "node";
  const mainLoop = onNode ? "its event loop" : "the asyncio loop of the harness's main thread, where a GUI's loop would be,";
  return ev.verdict(outcomeOf([finding]), [
    `The long work (${ev.quote(`the work in a ${threadWord(gui)}: task duration`, spreadText(work, formatMs), { result: names.gui, runs: 1 })} per task) on the main thread: ${mainLoop} was late by up to ${ev.quote("work on the main thread: event-loop delay, max", spreadText(frozen, formatMs), source(onMain), true)}, so a GUI would have been frozen that long. ` +
      `The same work in a ${threadWord(gui)}: the main loop was late by up to ${ev.quote(`work in a ${threadWord(gui)}: event-loop delay, max`, spreadText(responsive, formatMs), source(inWorker), true)}, ` +
      `${responsive.median > 0 ? `${times(frozen.median / responsive.median)} less` : "not at all"}.${why}`,
    `Threshold: holds when, with the work in a ${threadWord(gui)}, the main loop is late by at most ${FRAMES} frames at 60 fps (${formatMs(limit)}, median of the runs' maxima) and the work on the main thread delays it at least ${CONTRAST}× more; does not hold when the ${threadWord(gui)} leaves the main loop later than that on a quiet machine.`,
    onNode
      ? "*Not measured by this verdict:* on one core the OS would time-slice the worker and the main thread, so the main thread would still answer, more slowly. " +
        "In CPython the GIL is handed over every 5 ms, so a GUI thread keeps running while a worker thread computes. CPU work with no `await` in it freezes the event loop under `%%async` just as under `%%sync`, so async alone would not help here."
      : (freeThreaded(gui)
          ? "On free-threaded CPython with the GIL off, the thread and the main loop run Python at the same time, on two cores. "
          : "On CPython the thread's pure-Python work holds the GIL, which the interpreter hands to the waiting main thread every 5 ms (`sys.getswitchinterval()`), so the main loop answers though only one of the two runs Python at a time; a free-threaded build would let both run at once, which can only shorten this delay. ") +
        "Work that holds the GIL without a break (a C extension that does not release it) would freeze the loop from a thread too, and CPU work with no `await` in it freezes an asyncio loop just as it froze the main thread here.",
  ]);
}
