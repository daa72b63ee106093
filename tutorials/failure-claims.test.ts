import { claimComparison, claimExperiment, onCPython } from "../test/support/claim-fixtures";
import type { ModelName } from "../magics/result/experiment-result";
import { judge } from "./verdicts";
import { PlainProgram, judgeC10, judgeC3, judgeC9 } from "./failure-claims";

const checked = <T extends Parameters<typeof judge>[0]>(v: T): T => (judge(v), v);

describe("judgeC3", () => {
  /** 8 tasks of `model`, task 3 failing, and `alsoLost` lost with it. */
  const failing = (model: ModelName, alsoLost: number[] = [], spawn = false) =>
    claimExperiment({ model, spawn, workers: model === "threads" || model === "processes" ? 2 : undefined, tasks: 8, runs: 1, run: { failed: [3, ...alsoLost] }, failures: [{ index: 3, name: "LaneExitError", message: "the task ended its worker thread", stack: "LaneExitError" }] });
  const err = (lost: Partial<Record<ModelName, number[]>> = {}) => claimComparison((["sync", "async", "threads", "processes"] as const).map((m) => failing(m, lost[m])));
  const program = (model: "async" | "threads", handled: boolean, done: number): PlainProgram => ({ name: `${model}, ${handled ? "handled" : "unhandled"}`, model, handled, exitCode: done === 3 ? 0 : 1, done, healthy: 3 });
  const plainNode = (doneUnhandled: { async: number; threads: number }) =>
    claimExperiment({ model: "sync", tasks: 4, runs: 1, values: [program("async", false, doneUnhandled.async), program("async", true, 3), program("threads", false, doneUnhandled.threads), program("threads", true, 3)] });
  const names = { conclab: ["err", "exitThreads"], plain: "plainNode" };

  it("holds when async's errors stayed in their task everywhere and a thread's error reached other tasks", () => {
    const v = checked(judgeC3({ err: err(), exitThreads: failing("threads", [4, 5]), plainNode: plainNode({ async: 3, threads: 0 }) }, names, { failing: [3] }));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/an async task's error stayed in its task every time, and a thread's error reached other tasks in exitThreads/);
    expect(v.text).toMatch(/they differed under conclab and with the error unhandled/);
  });

  it("holds in part when both fare alike under the same handling: the handling decides, not the model", () => {
    const v = checked(judgeC3({ err: err(), exitThreads: failing("threads"), plainNode: plainNode({ async: 0, threads: 0 }) }, names, { failing: [3] }));
    expect(v.holds).toBe("partly");
    expect(v.text).toMatch(/err \(async\): 7 of 7/);
    expect(v.text).toMatch(/\*async, unhandled\*: 0 of 3 \(exit code 1\)/);
    expect(v.text).toMatch(/async and threads fared alike every time: what decided whether the other tasks survived was the handling, not the model/);
  });

  it("holds in part with only the harness's cases (notebook 00's), where both isolate", () => {
    const v = checked(judgeC3({ errAsync: failing("async"), exitThreads: failing("threads") }, { conclab: ["errAsync", "exitThreads"] }, { failing: [3] }));
    expect(v.holds).toBe("partly");
    expect(v.text).toMatch(/the model made no difference/);
  });

  it("does not hold when async's error reached other tasks and threads' never did", () => {
    expect(checked(judgeC3({ err: err({ async: [5] }), exitThreads: failing("threads") }, { conclab: ["err", "exitThreads"] }, { failing: [3] })).holds).toBe(false);
  });

  it("cannot judge when the failing task did not fail, when the programs' answers are malformed, or a result is missing", () => {
    const v = checked(judgeC3({ e: claimExperiment({ model: "async", tasks: 8, runs: 1 }) }, { conclab: ["e"] }, { failing: [3] }));
    expect(v).toMatchObject({ holds: "cannot judge", text: expect.stringMatching(/In e the tasks meant to fail \(3\) did not all fail/) });
    const bad = claimExperiment({ model: "sync", tasks: 1, runs: 1, values: [{ name: "x" }] });
    expect(judgeC3({ err: err(), plainNode: bad }, { conclab: ["err"], plain: "plainNode" }, { failing: [3] }).text).toMatch(/must each return \{ name, model, handled, exitCode, done, healthy \}/);
    expect(judgeC3({ err: err() }, names, { failing: [3] }).text).toMatch(/\$results\.exitThreads is missing/);
  });
});

describe("judgeC9", () => {
  const counter = (adds: number, final: number[]) => claimExperiment({ model: "threads", workers: 2, tasks: final.length, runs: 1, values: final.map((counter) => ({ adds, counter })) });
  const withdraw = (model: "sync" | "async", lefts: number[]) =>
    claimExperiment({ model, tasks: 2, runs: 1, values: lefts.map((left, i) => ({ withdrew: left < 100 && (i === 0 || model === "async"), seen: model === "sync" && i === 1 ? 0 : 100, left })) });
  const stacks = claimComparison((["sync", "async", "threads"] as const).map((m) => claimExperiment({ model: m, tasks: 8, runs: 1, run: { failed: [3] }, workers: m === "threads" ? 2 : undefined })));
  const all = (racy: number[], asyncLefts: number[]) => ({ racy: counter(1_000_000, racy), atomic: counter(1_000_000, [2_000_000, 2_000_000]), withdrawSync: withdraw("sync", [0, 0]), withdrawAsync: withdraw("async", asyncLefts), err: stacks });
  const names = { racy: "racy", atomic: "atomic", withdrawSync: "withdrawSync", withdrawAsync: "withdrawAsync", stacks: "err" };

  it("holds when the threads lost updates and the async tasks did not overdraw", () => {
    const v = checked(judgeC9(all([1_400_000, 1_400_000], [0, 0]), names));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/lost \*\*600,000 of 2,000,000\*\* updates \(30\.0%\); with `Atomics\.add` they lost 0 of 2,000,000/);
    expect(v.text).toMatch(/Errors were as easy to locate in every model: in 3 of 3 models the failing task's stack named the cell's own line/);
  });

  it("holds in part when async raced too, and says when a stack did not name the cell", () => {
    const unmapped = claimComparison([claimExperiment({ model: "sync", tasks: 8, runs: 1, run: { failed: [3] } }), claimExperiment({ model: "async", tasks: 8, runs: 1, run: { failed: [3] }, failures: [{ index: 3, name: "Error", message: "x", stack: "Error: x\n    at somewhere.js:1:1" }] })]);
    const v = checked(judgeC9({ ...all([1_400_000, 1_400_000], [0, -100]), err: unmapped }, names));
    expect(v.text).toMatch(/Errors were not as easy to locate in every model: in 1 of 2 models/);
    expect(v.holds).toBe("partly");
    expect(v.text).toMatch(/withdrew \*\*2\*\* time\(s\), leaving -100: both passed the check/);
    expect(v.text).toMatch(/Run one after another \(sync\), they withdrew 1 time\(s\), leaving 0/);
  });

  it("cannot judge when no update was lost and async raced, when the counter or Atomics is broken, or a result is missing", () => {
    const v = checked(judgeC9(all([2_000_000, 2_000_000], [0, -100]), names));
    expect(v).toMatchObject({ holds: "cannot judge", text: expect.stringMatching(/a race that does not show in one run is not a race ruled out/) });
    expect(judgeC9(all([1_500_000, 1_400_000], [0, 0]), names).text).toMatch(/saw different final counts \(1500000, 1400000\)/);
    expect(judgeC9({ ...all([1_400_000, 1_400_000], [0, 0]), atomic: counter(1_000_000, [1_999_999, 1_999_999]) }, names).text).toMatch(/the version with `Atomics\.add` lost updates/);
    expect(judgeC9({ racy: claimExperiment({ values: [1, 2] }), withdrawAsync: withdraw("async", [0]) }, { racy: "racy", withdrawAsync: "withdrawAsync" }).text).toMatch(/must each return \{ adds, counter \}/);
    expect(judgeC9({}, names).holds).toBe("cannot judge");
  });

  it("on CPython, reads a lock as the fix and a plain += that lost nothing as no proof, to each outcome", () => {
    const py = (r: ReturnType<typeof all>, naiveFinal: number[]) => ({
      pyRacy: onCPython(r.racy),
      pyLocked: onCPython(r.atomic),
      pyNaive: onCPython(counter(1_000_000, naiveFinal)),
      pyWithdrawSync: onCPython(r.withdrawSync),
      pyWithdrawAsync: onCPython(r.withdrawAsync),
      pyErr: onCPython(claimComparison((["sync", "async", "threads"] as const).map((m) => claimExperiment({ model: m, tasks: 8, runs: 1, run: { failed: [3] }, failures: [{ index: 3, name: "KeyError", message: "3", stack: "KeyError: 3\n    at task body (cell line 3)" }], workers: m === "threads" ? 2 : undefined })))),
    });
    const pyNames = { racy: "pyRacy", atomic: "pyLocked", naive: "pyNaive", withdrawSync: "pyWithdrawSync", withdrawAsync: "pyWithdrawAsync", stacks: "pyErr" };
    const held = checked(judgeC9(py(all([1_400_000, 1_400_000], [0, -100]), [2_000_000, 2_000_000]), pyNames));
    expect(held.holds).toBe("partly");
    expect(held.text).toMatch(/Threads that share a counter .* with a read, a function call and a write lost \*\*600,000 of 2,000,000\*\* updates \(30\.0%\); with a `threading\.Lock` around the read and the write they lost 0 of 2,000,000/);
    expect(held.text).toMatch(/A plain `counter \+= 1` lost \*\*0 of 2,000,000\*\* updates: it did not show the race this time.*A demonstration that loses nothing proves nothing safe/);
    expect(held.text).toMatch(/Two async tasks on one thread \(asyncio\)/);
    expect(held.text).toMatch(/in 3 of 3 models the failing task's stack named the cell's own line/);
    expect(held.text).not.toMatch(/SharedArrayBuffer|Atomics|worker thread/);
    expect(checked(judgeC9(py(all([1_400_000, 1_400_000], [0, 0]), [1_900_000, 1_900_000]), pyNames))).toMatchObject({ holds: true, text: expect.stringMatching(/A plain `counter \+= 1` lost \*\*100,000 of 2,000,000\*\* updates\./) });
    expect(checked(judgeC9(py(all([2_000_000, 2_000_000], [0, -100]), [2_000_000, 2_000_000]), pyNames)).holds).toBe("cannot judge");
    expect(judgeC9({ ...py(all([1_400_000, 1_400_000], [0, 0]), [2_000_000, 2_000_000]), pyLocked: onCPython(counter(1_000_000, [1_999_999, 1_999_999])) }, pyNames).text).toMatch(/the version with a `threading\.Lock` around the read and the write lost updates/);
  });
});

describe("judgeC10", () => {
  const deadlocked = (model: "threads" | "async") => claimExperiment({ model, workers: model === "threads" ? 2 : undefined, tasks: 2, runs: 1, run: { failed: [0, 1] }, timedOut: { seconds: 1, unfinished: 2 } });
  const finished = claimExperiment({ model: "threads", workers: 2, tasks: 2, runs: 1 });

  it("holds when the threads deadlock and the fixed order removes it, and says async deadlocked too", () => {
    const v = checked(judgeC10({ deadlockThreads: deadlocked("threads"), orderedThreads: finished, deadlockAsync: deadlocked("async") }, { threads: "deadlockThreads", ordered: "orderedThreads", async: "deadlockAsync" }));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/\*\*stuck until --timeout 1 s stopped it, 2 of 2 tasks unfinished\*\*/);
    expect(v.text).toMatch(/async deadlocks just the same/);
  });

  it("cannot judge when the threads did not deadlock, when the fixed order times out too, or a result is missing", () => {
    expect(checked(judgeC10({ d: finished }, { threads: "d" }))).toMatchObject({ holds: "cannot judge", text: expect.stringMatching(/did not deadlock in this run/) });
    expect(judgeC10({ d: deadlocked("threads"), o: deadlocked("threads") }, { threads: "d", ordered: "o" }).text).toMatch(/fixed order did not finish either/);
    expect(judgeC10({}, { threads: "d" }).text).toMatch(/\$results\.d is missing/);
  });
});
