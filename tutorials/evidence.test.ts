import { claimComparison, claimExperiment, claimSweep } from "../test/support/claim-fixtures";
import { BUSY_SHARE, Evidence, cannotJudge, gather, machineBusy, outcomeOf } from "./evidence";

describe("gather", () => {
  const clean = claimExperiment({ model: "async" });
  const failed = claimExperiment({ model: "threads", workers: 2, run: { failed: [1] } });
  const timedOut = claimExperiment({ model: "threads", workers: 2, run: { failed: [0, 1] }, timedOut: { seconds: 1, unfinished: 2 } });

  it("returns each role's result, and the results it read by name", () => {
    const got = gather({ a: clean, c: claimComparison([clean]) }, { one: { name: "a", kind: "experiment" }, two: { name: "c", kind: "comparison" } });
    expect(got.ok).toBe(true);
    if (got.ok) expect(got.results).toEqual({ one: clean, two: expect.objectContaining({ kind: "conclab.comparison" }) });
    expect(Object.keys(got.from)).toEqual(["a", "c"]);
  });

  it("says what is wrong instead of throwing: missing, failed, timed out, of another kind; keeping the results that exist", () => {
    const got = gather({ failed, timedOut, a: clean }, { x: { name: "missing", kind: "experiment" }, f: { name: "failed", kind: "experiment" }, t: { name: "timedOut", kind: "experiment", failures: true }, k: { name: "a", kind: "sweep" } });
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.problems).toEqual([
      expect.stringMatching(/^\$results\.missing is missing, so .*--name missing.*kept so far: failed, timedOut, a/),
      expect.stringMatching(/^\$results\.failed \(%%threads .*\) had 1 failed task\(s\), e\.g\. task 1: Error: task 1 failed/),
      expect.stringMatching(/^\$results\.timedOut \(%%threads .*\) passed its --timeout of 1 s/),
      "$results.a is a conclab.experiment result where a conclab.sweep was expected.",
    ]);
    expect(Object.keys(got.from)).toEqual(["failed", "timedOut", "a"]);
    expect(gather({ failed, timedOut }, { f: { name: "failed", kind: "experiment", failures: true }, t: { name: "timedOut", kind: "experiment", failures: true, timeout: true } }).ok).toBe(true);
  });

  it("gives a cannot-judge verdict that names every problem", () => {
    const got = gather(undefined, { x: { name: "io", kind: "comparison" } });
    if (got.ok) throw new Error("expected problems");
    expect(cannotJudge(["C1"], got)).toEqual({ claims: ["C1"], holds: "cannot judge", text: expect.stringMatching(/^Cannot judge: \$results\.io is missing.*kept so far: none/), from: {}, figures: [] });
  });
});

describe("machineBusy", () => {
  const at = (otherCores: number[]) => claimExperiment({ runs: otherCores.map((o) => ({ otherCores: o })) });

  it(`calls the machine busy when other processes used ${BUSY_SHARE * 100}% of the cores or more over all the runs together`, () => {
    expect(machineBusy(at([0.1, 0.2, 0.3]))).toMatchObject({ busy: false, runs: 3, cores: 4, otherProcessesCores: expect.closeTo(0.2, 5) });
    expect(machineBusy(at([0.9, 1.0, 1.1])).busy).toBe(true);
    // 3 runs of 100 ms on 4 cores: a tick (10 ms) per core per run, the runs' errors independent, is 4 × 10 × √3 / 300 ≈ 0.23 cores.
    expect(machineBusy(at([0.9, 1.0, 1.1])).text).toBe("busy: other processes used 1.00 ± 0.23 of its 4 cores over 3 runs (300 ms in all); busy means a quarter of the cores or more");
  });

  it("calls the machine busy when one experiment's runs were busy, however quiet the others", () => {
    const quiet = Array.from({ length: 5 }, () => at([0, 0, 0]));
    const v = machineBusy([...quiet, at([1.2, 1.2, 1.2])]);
    expect(v).toMatchObject({ busy: true, runs: 3, otherProcessesCores: expect.closeTo(1.2, 5) });
    expect(v.text).toMatch(/^busy: other processes used 1\.20 ± 0\.23 of its 4 cores over 3 runs \(300 ms in all\); busy means a quarter of the cores or more, during one of the 6 experiments read \(over all of them, 0\.20\)$/);
    expect(machineBusy([...quiet, at([0.2, 0.2, 0.2])]).busy).toBe(false);
  });

  it("cannot tell from runs too short for /proc/stat's 10 ms ticks, whatever one run read", () => {
    const short = claimExperiment({ runs: [{ wallMs: 1.3, otherCores: 5.9 }, { wallMs: 1.3, otherCores: 0 }, { wallMs: 1.3, otherCores: 0 }] });
    expect(machineBusy(short)).toMatchObject({ busy: undefined, text: expect.stringMatching(/^how busy the machine was cannot be told: .* the 3 runs took 3\.9 ms in all/) });
  });

  it("reads every experiment of comparisons and sweeps, in a record or a list", () => {
    const sweep = claimSweep("workers", [1, 2], () => claimComparison([at([0]), at([4])]));
    expect(machineBusy({ sweep }).runs).toBe(4);
    expect(machineBusy([at([0]), at([3])])).toMatchObject({ busy: true, otherProcessesCores: 1.5 });
  });

  it("says when no run measured the load", () => {
    const old = at([0.1]);
    delete (old.runs[0] as Partial<(typeof old.runs)[number]>).load;
    expect(machineBusy(old)).toMatchObject({ busy: undefined, runs: 0, text: expect.stringMatching(/not known/) });
  });
});

describe("outcomeOf", () => {
  it("holds when all support, does not when all contradict, in part when some support, cannot judge when none does and some show nothing", () => {
    expect(outcomeOf(["supports", "supports"])).toBe(true);
    expect(outcomeOf(["contradicts", "contradicts"])).toBe(false);
    expect(outcomeOf(["supports", "contradicts"])).toBe("partly");
    expect(outcomeOf(["supports", "not shown"])).toBe("partly");
    expect(outcomeOf(["contradicts", "not shown"])).toBe("cannot judge");
    expect(outcomeOf(["not shown"])).toBe("cannot judge");
    expect(outcomeOf([])).toBe("cannot judge");
  });
});

describe("Evidence", () => {
  it("records every figure it quotes, so the text and what the verdict rests on agree", () => {
    const ev = new Evidence(["C1"], { io: claimExperiment() });
    const text = `took ${ev.quote("async: wall time", "25 ms", { result: "io", runs: 5 }, true)} and ${ev.quote("ratio", "1.5×", { result: "io", runs: 5, interval: "1.2–1.8×" })}`;
    expect(text).toBe("took **25 ms** and 1.5×");
    expect(ev.verdict(true, [text, "", "more"])).toEqual({
      claims: ["C1"],
      holds: true,
      text: "took **25 ms** and 1.5×\n\nmore",
      from: { io: expect.anything() },
      figures: [
        { what: "async: wall time", value: "25 ms", result: "io", runs: 5, strong: true },
        { what: "ratio", value: "1.5×", result: "io", runs: 5, interval: "1.2–1.8×" },
      ],
    });
    expect(ev.cannotJudge(["no control."], ["measured."]).text).toBe("measured.\n\nCannot judge: no control.");
  });
});
