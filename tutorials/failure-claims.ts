/**
 * The verdicts on errors, races and deadlocks (notebooks 00 and 05): C3 an error in one async task
 * does not affect the others, while one in a thread may; C9 threads share memory and race, async is
 * easier to debug; C10 threads deadlock.
 */
import type { ComparisonResult, ExperimentResult } from "../magics/result/experiment-result";
import { formatMs } from "../common/units";
import { ClaimId, Evidence, Finding, KeptResults, VerdictInput, cannotJudge, experimentsOf, gather, outcomeOf } from "./evidence";
import { runtimeOf, valuesOf } from "./readings";

/** What a task of the plain-Node experiment returns: one program run as its own `node` process. */
export interface PlainProgram {
  name: string;
  /** The model of its tasks. */
  model: "async" | "threads";
  /** Whether the program handles the failing task's error (Promise.allSettled, worker.on("error")). */
  handled: boolean;
  exitCode: number | null;
  /** Tasks that printed that they were done. */
  done: number;
  /** Tasks that do not fail: the most that can be done. */
  healthy: number;
}

interface ErrorCase {
  where: string;
  model: string;
  /** "conclab": the kernel's harness catches every task's error; else how the plain program handled it. */
  handling: "conclab" | "handled" | "unhandled";
  isolated: boolean;
  finished: number;
  healthy: number;
  /** A plain program's exit code. */
  exitCode?: number | null;
}

function isPlainProgram(v: unknown): v is PlainProgram {
  const p = v as PlainProgram;
  return typeof p === "object" && p !== null && typeof p.name === "string" && (p.model === "async" || p.model === "threads") && typeof p.handled === "boolean" && typeof p.done === "number" && typeof p.healthy === "number";
}

const modelName = (e: ExperimentResult) => (e.model === "threads" && e.options.spawn ? "spawn" : e.model);
const isThreads = (model: string) => model === "threads" || model === "spawn";

/**
 * C3: `conclab`, experiments (or comparisons) in which the tasks listed in `given.failing` fail (a
 * throw, process.exit, running out of heap: the same list the bodies get with --input); `plain`,
 * optionally a %%sync experiment whose tasks each ran a plain Node program and returned a PlainProgram.
 */
export function judgeC3(results: KeptResults | undefined, names: { conclab: readonly string[]; plain?: string }, given: { failing: readonly number[] }): VerdictInput {
  const claims: ClaimId[] = ["C3"];
  const wanted = Object.fromEntries(names.conclab.map((name) => [name, { name, kind: results?.[name]?.kind === "conclab.comparison" ? ("comparison" as const) : ("experiment" as const), failures: true }]));
  const got = gather(results, { ...wanted, ...(names.plain ? { [`plain ${names.plain}`]: { name: names.plain, kind: "experiment" as const, failures: true } } : {}) });
  if (!got.ok) return cannotJudge(claims, got);
  const ev = new Evidence(claims, got.from);
  const cases: ErrorCase[] = [];
  const untested: string[] = [];
  for (const name of names.conclab) {
    const result = got.results[name];
    for (const e of experimentsOf(result)) {
      const run = e.runs[e.runs.length - 1];
      const where = result.kind === "conclab.comparison" ? `${name} (${modelName(e)})` : name;
      if (!run) continue;
      const expected = given.failing.filter((i) => Number.isInteger(i) && i >= 0 && i < e.options.tasks);
      const failed = run.tasks.ok.flatMap((ok, i) => (ok ? [] : [i]));
      if (expected.length === 0 || !expected.every((i) => failed.includes(i))) {
        untested.push(where);
        continue;
      }
      cases.push({ where, model: modelName(e), handling: "conclab", isolated: failed.every((i) => expected.includes(i)), finished: run.tasks.ok.filter(Boolean).length, healthy: e.options.tasks - expected.length });
    }
  }
  if (names.plain) {
    const plain = got.results[`plain ${names.plain}`] as ExperimentResult;
    const programs = valuesOf(plain);
    if (!programs || !programs.every(isPlainProgram)) return ev.cannotJudge([`the tasks of $results.${names.plain} must each return { name, model, handled, exitCode, done, healthy } for one plain Node program; got ${JSON.stringify(programs ?? null).slice(0, 200)}.`]);
    for (const p of programs) cases.push({ where: `*${p.name}*`, model: p.model, handling: p.handled ? "handled" : "unhandled", isolated: p.done === p.healthy, finished: p.done, healthy: p.healthy, exitCode: p.exitCode });
  }
  const notTested = untested.length > 0 ? ` In ${untested.join(", ")} the tasks meant to fail (${given.failing.join(", ")}) did not all fail, so ${untested.length === 1 ? "it tests" : "they test"} nothing and ${untested.length === 1 ? "is" : "are"} left out.` : "";
  if (cases.length === 0) return ev.cannotJudge([`no experiment had its failing task fail.${notTested}`]);

  const shown = (c: ErrorCase) => `${c.where}: ${ev.quote(`${c.where.replace(/\*/g, "")}: healthy tasks that finished`, `${c.finished} of ${c.healthy}`, { result: c.handling === "conclab" ? c.where.split(" ")[0] : (names.plain as string), runs: 1 })}`;
  const underConclab = cases.filter((c) => c.handling === "conclab");
  const plain = cases.filter((c) => c.handling !== "conclab");
  const text: string[] = [];
  if (underConclab.length > 0) {
    text.push(`Under conclab, which catches every task's error, healthy tasks that finished after one task failed: ${underConclab.map(shown).join("; ")}.${notTested}`);
  }
  if (plain.length > 0) text.push(`In plain Node programs, each its own process: ${plain.map((c) => `${shown(c)} (exit code ${String(c.exitCode)})`).join("; ")}.`);

  const asyncCases = cases.filter((c) => c.model === "async");
  const threadCases = cases.filter((c) => isThreads(c.model));
  const asyncFinding: Finding = asyncCases.length === 0 ? "not shown" : asyncCases.every((c) => c.isolated) ? "supports" : "contradicts";
  const threadsFinding: Finding = threadCases.length === 0 ? "not shown" : threadCases.some((c) => !c.isolated) ? "supports" : "contradicts";

  const handlings = [...new Set(cases.map((c) => c.handling))].filter((h) => asyncCases.some((c) => c.handling === h) && threadCases.some((c) => c.handling === h));
  const alike = handlings.filter((h) => asyncCases.filter((c) => c.handling === h).every((c) => c.isolated) === threadCases.filter((c) => c.handling === h).every((c) => c.isolated));
  const handlingWords = { conclab: "under conclab", handled: "with the error handled", unhandled: "with the error unhandled" };
  const paired =
    handlings.length === 0
      ? ""
      : alike.length === handlings.length
        ? ` Under the same handling (${handlings.map((h) => handlingWords[h]).join("; ")}), async and threads fared alike every time: ${handlings.length > 1 && new Set(handlings.map((h) => asyncCases.filter((c) => c.handling === h).every((c) => c.isolated))).size > 1 ? "what decided whether the other tasks survived was the handling, not the model" : "the model made no difference"}.`
        : ` Under the same handling they differed ${handlings.filter((h) => !alike.includes(h)).map((h) => handlingWords[h]).join(" and ")}.`;
  const asyncWords = asyncFinding === "supports" ? "an async task's error stayed in its task every time" : asyncFinding === "contradicts" ? `an async task's error reached the other tasks in ${asyncCases.filter((c) => !c.isolated).map((c) => c.where).join(", ")}` : "no async case was measured";
  const threadWords =
    threadsFinding === "supports"
      ? `a thread's error reached other tasks in ${threadCases.filter((c) => !c.isolated).map((c) => c.where).join(", ")}`
      : threadsFinding === "contradicts"
        ? "a thread's error never reached another task"
        : "no thread case was measured";
  text.push(
    `So ${asyncWords}, and ${threadWords}.${paired} ` +
      "Threshold: a task's error is isolated when every healthy task finished. Holds when async's errors were isolated in every case and a thread's error reached other tasks in some; in part when one of the two; does not hold when neither.",
    "*Not measured by this verdict:* in CPython an uncaught exception ends only its thread (printed by `threading.excepthook`), and an unretrieved asyncio task exception is only logged, so neither model ends the process; threads hurt others there through shared state left half-updated or a lock never released (C9, C10).",
  );
  return ev.verdict(outcomeOf([asyncFinding, threadsFinding]), text);
}

/** The shared counter of a race experiment: what every task added, and the count they all saw at the end. */
function counterOf(e: ExperimentResult, name: string): { expected: number; final: number } | string {
  const values = valuesOf(e);
  const ok = values?.every((v) => typeof v === "object" && v !== null && Number.isFinite((v as { adds?: unknown }).adds) && Number.isFinite((v as { counter?: unknown }).counter));
  if (!values || values.length === 0 || !ok) return `the tasks of $results.${name} must each return { adds, counter }: how many times it added 1, and the counter once every task had finished.`;
  const counters = new Set(values.map((v) => (v as { counter: number }).counter));
  if (counters.size !== 1) return `the tasks of $results.${name} saw different final counts (${[...counters].join(", ")}): they did not all wait for each other before reading it.`;
  return { expected: values.reduce((sum: number, v) => sum + (v as { adds: number }).adds, 0), final: [...counters][0] };
}

/** The withdrawals of a check-then-act experiment: each task returns { withdrew, seen, left }. */
function withdrawalsOf(e: ExperimentResult, name: string): { withdrawals: number; start: number; final: number } | string {
  const values = valuesOf(e);
  const ok = values?.every((v) => typeof v === "object" && v !== null && typeof (v as { withdrew?: unknown }).withdrew === "boolean" && Number.isFinite((v as { seen?: unknown }).seen) && Number.isFinite((v as { left?: unknown }).left));
  if (!values || values.length === 0 || !ok) return `the tasks of $results.${name} must each return { withdrew, seen, left }: whether it withdrew, the balance it checked and the balance it left.`;
  const all = values as { withdrew: boolean; seen: number; left: number }[];
  return { withdrawals: all.filter((v) => v.withdrew).length, start: Math.max(...all.map((v) => v.seen)), final: Math.min(...all.map((v) => v.left)) };
}

/**
 * C9: `racy`, threads adding to a shared counter with a read and a write that are not atomic
 * together (each task returns { adds, counter }); `atomic`, optionally the same made atomic
 * (Atomics.add, a threading.Lock); `naive`, optionally the same with a plain `counter += 1`;
 * `withdrawAsync`, two async tasks that check a balance, await, then withdraw (each returns
 * { withdrew, seen, left }), and `withdrawSync`, optionally the same run one after another;
 * `stacks`, optionally a comparison whose failing task's stack is read in every model.
 */
export function judgeC9(results: KeptResults | undefined, names: { racy: string; atomic?: string; naive?: string; withdrawAsync: string; withdrawSync?: string; stacks?: string }): VerdictInput {
  const claims: ClaimId[] = ["C9"];
  const got = gather(results, {
    racy: { name: names.racy, kind: "experiment" },
    withdrawAsync: { name: names.withdrawAsync, kind: "experiment" },
    ...(names.atomic ? { atomic: { name: names.atomic, kind: "experiment" as const } } : {}),
    ...(names.naive ? { naive: { name: names.naive, kind: "experiment" as const } } : {}),
    ...(names.withdrawSync ? { withdrawSync: { name: names.withdrawSync, kind: "experiment" as const } } : {}),
    ...(names.stacks ? { stacks: { name: names.stacks, kind: "comparison" as const, failures: true } } : {}),
  });
  if (!got.ok) return cannotJudge(claims, got);
  const ev = new Evidence(claims, got.from);
  const read = got.results as unknown as Record<string, ExperimentResult>;
  const racy = counterOf(read.racy, names.racy);
  const atomic = names.atomic ? counterOf(read.atomic, names.atomic) : undefined;
  const naive = names.naive ? counterOf(read.naive, names.naive) : undefined;
  const racedAsync = withdrawalsOf(read.withdrawAsync, names.withdrawAsync);
  const racedSync = names.withdrawSync ? withdrawalsOf(read.withdrawSync, names.withdrawSync) : undefined;
  const broken = [racy, atomic, naive, racedAsync, racedSync].filter((r): r is string => typeof r === "string");
  if (broken.length > 0) return ev.cannotJudge(broken);
  const onNode = runtimeOf(read.racy) === "node";
  const one = (name: string) => ({ result: name, runs: 1 });
  const lostOf = (c: { expected: number; final: number }) => c.expected - c.final;
  const lostText = (c: { expected: number; final: number }) => `${lostOf(c).toLocaleString("en")} of ${c.expected.toLocaleString("en")}`;
  const counter = racy as { expected: number; final: number };
  const lost = lostOf(counter);
  const text: string[] = [];
  const threadsFinding: Finding = lost > 0 ? "supports" : "not shown";
  const fixedWith = onNode ? "`Atomics.add`" : "a `threading.Lock` around the read and the write";
  let race =
    (onNode
      ? "Worker threads that share memory (a `SharedArrayBuffer` passed with --input) and add 1 with a read and a write lost "
      : "Threads that share a counter (every object is shared between CPython's threads) and add 1 with a read, a function call and a write lost ") +
    `${ev.quote("threads, read-then-write counter: updates lost", lostText(counter), one(names.racy), true)} updates (${((100 * lost) / counter.expected).toFixed(1)}%)`;
  if (atomic && typeof atomic !== "string") {
    race += `; with ${fixedWith} they lost ${ev.quote(`threads, counter with ${onNode ? "Atomics.add" : "a lock"}: updates lost`, lostText(atomic), one(names.atomic as string))}`;
    if (lostOf(atomic) !== 0) return ev.cannotJudge([`the version with ${fixedWith} lost updates, so the counter is not what the experiment thinks it is.`], [race + "."]);
  }
  text.push(`${race}.${lost === 0 ? " No update was lost this time: a race that does not show in one run is not a race ruled out (it needs the two loops to overlap, on at least two cores)." : ""}`);
  if (naive && typeof naive !== "string") {
    const naiveLost = lostOf(naive);
    text.push(
      `A plain \`counter += 1\` lost ${ev.quote("threads, plain += counter: updates lost", lostText(naive), one(names.naive as string), true)} updates` +
        (naiveLost === 0
          ? `: it did not show the race this time, though it is not atomic either${onNode ? "" : " (CPython switches threads only at some points of the bytecode, such as a loop's jump back and a call into a Python function, none of which falls inside this `+=`; on a free-threaded build the threads run at once, and it can lose updates)"}. A demonstration that loses nothing proves nothing safe.`
          : ".")
    );
  }

  const withdraw = racedAsync as { withdrawals: number; start: number; final: number };
  const overdrawn = withdraw.final < 0;
  let sequential = "";
  if (racedSync && typeof racedSync !== "string") {
    sequential = ` Run one after another (sync), they withdrew ${ev.quote("sync: withdrawals", String(racedSync.withdrawals), one(names.withdrawSync as string))} time(s), leaving ${ev.quote("sync: final balance", String(racedSync.final), one(names.withdrawSync as string))}.`;
  }
  const asyncFinding: Finding = overdrawn ? "contradicts" : "supports";
  text.push(
    `Two async tasks on one thread${onNode ? "" : " (asyncio)"} that check a balance of ${withdraw.start}, await, then withdraw, withdrew ${ev.quote("async: withdrawals", String(withdraw.withdrawals), one(names.withdrawAsync), true)} time(s), leaving ${ev.quote("async: final balance", String(withdraw.final), one(names.withdrawAsync))}` +
      `${overdrawn ? ": both passed the check before either withdrew, a race with no thread in sight" : ": no overdraft"}.${sequential}`,
  );
  if (names.stacks) {
    const stacks = (got.results as { stacks: ComparisonResult }).stacks;
    // A stack mapped to the cell reads "cell line 5:11" (magics/body/load-task-body.ts, cellLineText), a Python one "cell line 5".
    const pointing = stacks.experiments.filter((e) => e.runs.some((r) => r.failures.some((f) => /cell line \d+/.test(f.stack))));
    const located = ev.quote("models whose failing task's stack named the cell's own line", `${pointing.length} of ${stacks.models.length}`, one(names.stacks));
    text.push(`${pointing.length === stacks.models.length ? "Errors were as easy to locate in every model" : "Errors were not as easy to locate in every model"}: in ${located} models the failing task's stack named the cell's own line.`);
  }
  text.push(
    `Threshold: holds when the threads lost updates and async did not race; in part when both raced. ` +
      (onNode
        ? `*Not measured by this verdict:* in CPython threads share every object, so any shared variable can race as this counter did, and asyncio has the same check-then-act race across an \`await\`.`
        : "On CPython the GIL lets one thread run at a time, switching between bytecodes, so a read and a write apart can race as they did here; a free-threaded build runs the threads at once, where such races should show more often."),
  );
  return ev.verdict(outcomeOf([threadsFinding, asyncFinding]), text);
}

/**
 * C10: `threads`, two worker threads each waiting for the other (run with --timeout); `ordered`,
 * optionally the same with a fixed order; `async`, optionally two async tasks each awaiting the other.
 */
export function judgeC10(results: KeptResults | undefined, names: { threads: string; ordered?: string; async?: string }): VerdictInput {
  const claims: ClaimId[] = ["C10"];
  const allow = { kind: "experiment" as const, failures: true, timeout: true };
  const got = gather(results, {
    threads: { name: names.threads, ...allow },
    ...(names.ordered ? { ordered: { name: names.ordered, ...allow } } : {}),
    ...(names.async ? { async: { name: names.async, ...allow } } : {}),
  });
  if (!got.ok) return cannotJudge(claims, got);
  const ev = new Evidence(claims, got.from);
  const read = got.results as Record<string, ExperimentResult>;
  const stuck = (e: ExperimentResult) => e.state === "timed-out" && e.timeout.unfinished > 0;
  const outcome = (e: ExperimentResult, name: string, what: string, strong = false) =>
    ev.quote(
      `${what}: how the run ended`,
      e.state === "timed-out" ? `stuck until --timeout ${e.timeout.seconds} s stopped it, ${e.timeout.unfinished} of ${e.options.tasks} tasks unfinished` : `finished, ${e.summary.tasksOk} of ${e.options.tasks} tasks done in ${formatMs(e.summary.wallMs.median)}`,
      { result: name, runs: e.runs.length },
      strong,
    );
  const text = [`Two worker threads each waiting for the other's flag: ${outcome(read.threads, names.threads, "threads waiting for each other", true)}.`];
  if (read.ordered) {
    text.push(`The same with a fixed order (one goes first): ${outcome(read.ordered, names.ordered as string, "threads in a fixed order")}.`);
    if (read.ordered.state !== "completed" || read.ordered.summary.tasksOk !== read.ordered.options.tasks) {
      return ev.cannotJudge(["the version with a fixed order did not finish either, so what stopped the threads is not shown to be their waiting for each other."], text);
    }
  }
  if (read.async) {
    text.push(`Two async tasks each awaiting the other: ${outcome(read.async, names.async as string, "async tasks awaiting each other", true)}${stuck(read.async) ? ": async deadlocks just the same, without a thread or a lock in sight" : ""}.`);
  }
  const finding: Finding = stuck(read.threads) ? "supports" : "not shown";
  text.push(
    `${finding === "supports" ? "Nothing detected the deadlock; only the timeout ended it." : "The threads did not deadlock in this run, which does not show that they cannot."} ` +
      `Threshold: holds when the two threads deadlock${read.ordered ? " and the fixed order removes it" : ""}. ` +
      "*Not measured by this verdict:* a deadlock is a cycle of waits, not a lack of CPU, so more cores should change nothing; in CPython two `threading.Lock`s taken in opposite orders deadlock the same way, and so do two asyncio tasks awaiting each other's futures.",
  );
  return ev.verdict(outcomeOf([finding]), text);
}
