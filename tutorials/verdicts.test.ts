import { fixtureComparison, fixtureExperiment, fixtureSweep, fixtureTasks } from "../test/support/result-fixtures";
import { claimExperiment } from "../test/support/claim-fixtures";
import type { ConclabResult, ExperimentResult } from "../magics/result/experiment-result";
import { installKernelHooks } from "../public/kernel-hooks";
import { MimeBundle } from "../common/mime-bundle";
import { VERDICT_MIME, VerdictError, measured, ratioOf, verdict, verdicts } from "./verdicts";

let shown: MimeBundle[];

beforeEach(() => {
  shown = [];
  installKernelHooks({ display: (data) => shown.push(data), clear: () => undefined, clientSession: () => "test-session", input: async () => "" });
});

const clean = fixtureExperiment({ model: "async" });
const failed = fixtureExperiment({ tasks: fixtureTasks(4, [0], [2]), failures: [{ index: 2, name: "Error", message: "task 2 failed", stack: "Error: task 2 failed" }] });
const timedOut: ExperimentResult = { ...fixtureExperiment(), state: "timed-out", timeout: { seconds: 1, run: 0, unfinished: 2, stopped: 2 } };
const results: Record<string, ConclabResult> = { clean, failed, timedOut, comparison: fixtureComparison([clean, clean]) };
const sweep = fixtureSweep("workers", [1, 2], () => fixtureComparison([clean, clean]));

describe("measured", () => {
  it("returns the named results", () => {
    expect(measured(results, ["clean"])).toEqual({ clean });
  });

  it("names a missing result, the --name that would make it, and the results there are", () => {
    expect(() => measured(results, ["clean", "ioAsync"])).toThrow(VerdictError);
    expect(() => measured(results, ["ioAsync"])).toThrow(/\$results\.ioAsync is missing.*--name ioAsync.*kept so far: clean, failed, timedOut, comparison/);
    expect(() => measured(undefined, ["ioAsync"])).toThrow(/kept so far: none/);
  });

  it("refuses failed tasks and timeouts unless they are allowed", () => {
    expect(() => measured(results, ["failed"])).toThrow(/1 failed task\(s\), e\.g\. task 2: Error: task 2 failed/);
    expect(() => measured(results, ["timedOut"])).toThrow(/passed its --timeout of 1 s/);
    expect(measured(results, ["failed", "timedOut"], { failures: true, timeout: true })).toEqual({ failed, timedOut });
  });

  it("reads experiments unless another kind is asked for", () => {
    expect(() => measured(results, ["comparison"])).toThrow(/conclab\.comparison result where a conclab\.experiment was expected; pass \{ kind: "comparison" \}/);
    expect(measured(results, ["comparison"], { kind: "comparison" }).comparison.kind).toBe("conclab.comparison");
  });

  it("reads sweeps, and checks every experiment inside a comparison or a sweep", () => {
    expect(measured({ sweep }, ["sweep"], { kind: "sweep" }).sweep.points).toHaveLength(2);
    expect(() => measured({ sweep }, ["sweep"], { kind: "comparison" })).toThrow(/conclab\.sweep result where a conclab\.comparison was expected; pass \{ kind: "sweep" \}/);
    const failedInside = { c: fixtureComparison([clean, failed]), s: fixtureSweep("tasks", [4], () => fixtureComparison([clean, failed])) };
    expect(() => measured(failedInside, ["c"], { kind: "comparison" })).toThrow(/1 failed task\(s\), e\.g\. task 2/);
    expect(() => measured(failedInside, ["s"], { kind: "sweep" })).toThrow(/1 failed task\(s\)/);
    expect(measured(failedInside, ["c"], { kind: "comparison", failures: true }).c.ratios).toHaveLength(2);
  });

  it("types each result as the notebook's $results types it", () => {
    const kept = { withValues: Object.assign(fixtureExperiment(), { values: [1, 2] as unknown[] }), comparison: fixtureComparison([clean, clean]) };
    const picked = measured(kept, ["withValues"]);
    const values: unknown[] = picked.withValues.values; // a type error if the name's own type were lost
    expect(values).toEqual([1, 2]);
    const ratio: number = measured(kept, ["comparison"], { kind: "comparison" }).comparison.ratios[0].ratio;
    expect(typeof ratio).toBe("number");
  });

  it("refuses a value that is not a magic's result", () => {
    expect(() => measured({ x: 42 } as unknown as Record<string, ConclabResult>, ["x"])).toThrow(/not a magic's result \(got number\)/);
  });
});

describe("verdict", () => {
  it("shows the claims, the verdict, the text and the machine, with data the notebook tests read", () => {
    const v = verdict({ claims: ["C1", "C7"], holds: "partly", text: "async was **2.0×** faster", from: { clean } });
    expect(v).toMatchObject({ kind: "conclab.verdict", claims: ["C1", "C7"], holds: "partly", from: ["clean"], machine: clean.machine });
    expect(shown).toHaveLength(1);
    const [bundle] = shown;
    expect(bundle[VERDICT_MIME]).toEqual({ verdicts: [expect.objectContaining({ claims: ["C1", "C7"], holds: "partly" })] });
    expect(bundle["text/plain"]).toMatch(
      /^Verdict on C1, C7, on Node: holds in part\.\nasync was \*\*2\.0×\*\* faster\nRests on \(5 measured runs per experiment\):\n {2}- no figures\nMachine: 4 cores, Fixture CPU, Node 20\.0\.0 \(V8 11\.3\), Linux fixture x64; .*busy/,
    );
    expect(bundle["text/html"]).toContain("<strong>2.0×</strong>");
    expect(bundle["text/html"]).toContain('data-claims="C1 C7"');
  });

  it("is not shown a second time as the cell's result", () => {
    const v = verdict({ claims: ["C2"], holds: true, text: "ok", from: { clean } });
    expect(Symbol.for("conclab.no-result") in v).toBe(true);
    expect(JSON.parse(JSON.stringify(v)).claims).toEqual(["C2"]);
  });

  it("fails instead of showing a verdict computed from a missing figure", () => {
    for (const text of ["took NaN ms", "took undefined ms", "Infinity× faster", "got [object Object]"]) {
      expect(() => verdict({ claims: ["C1"], holds: true, text, from: { clean } })).toThrow(/where a measured figure should be/);
    }
    expect(() => verdict({ claims: ["C1"], holds: true, text: "ok", from: { clean: undefined as unknown as ConclabResult } })).toThrow(/from\.clean is not a magic's result \(got undefined\)/);
    expect(() => verdict({ claims: ["C1"], holds: true, text: "ok", from: {} })).toThrow(/which results it was computed from/);
    expect(shown).toHaveLength(0);
  });

  it("names what is wrong with the claims, holds or text", () => {
    expect(() => verdict({ claims: [], holds: true, text: "ok", from: { clean } })).toThrow(/names the claims it judges/);
    expect(() => verdict({ claims: ["c1" as "C1"], holds: true, text: "ok", from: { clean } })).toThrow(/C1 to C12.*got "c1"/);
    expect(() => verdict({ claims: ["C13"], holds: true, text: "ok", from: { clean } })).toThrow(/C1 to C12.*got "C13"/);
    expect(() => verdict({ claims: ["C1"], holds: "yes" as unknown as boolean, text: "ok", from: { clean } })).toThrow(/holds is true, false, "partly" or "cannot judge"; got "yes"/);
    expect(() => verdict({ claims: ["C1"], holds: true, text: " ", from: { clean } })).toThrow(/got no text/);
  });

  it("lists what it rests on: each figure with its result, runs and interval, the runs, the machine and whether it was busy", () => {
    const quiet = claimExperiment({ model: "async", runs: 3 });
    const v = verdict({
      claims: ["C1"],
      holds: true,
      text: "async took **25 ms**",
      from: { io: quiet },
      figures: [
        { what: "async: wall time", value: "25 ms", result: "io", runs: 3 },
        { what: "spawn against async", value: "3.60×", result: "io", runs: 3, interval: "3.4–3.8× at 93.8% confidence: slower" },
      ],
    });
    expect(v).toMatchObject({ runs: { fewest: 3, most: 3 }, load: { busy: false, runs: 3 }, figures: [expect.objectContaining({ value: "25 ms" }), expect.objectContaining({ interval: expect.stringMatching(/slower/) })] });
    const text = shown[0]["text/plain"] as string;
    expect(text).toContain("Rests on (3 measured runs per experiment):\n  - async: wall time: 25 ms (io, 3 runs)\n  - spawn against async: 3.60× (io, 3 runs; 3.4–3.8× at 93.8% confidence: slower)");
    expect(text).toMatch(/Machine: 4 cores, Claim CPU.*; not busy: other processes used 0\.05 ± 0\.23 of its 4 cores over 3 runs \(300 ms in all\)/);
    const html = shown[0]["text/html"] as string;
    expect(html).toContain("<summary>Rests on 2 figures, 3 measured runs per experiment; 4 cores, not busy</summary>");
    expect(html).toContain("<td>3.60×</td><td>io</td><td>3</td>");
    expect((shown[0][VERDICT_MIME] as { verdicts: { figures: unknown[] }[] }).verdicts[0].figures).toHaveLength(2);
  });

  it("shows a verdict that cannot judge, even with no result to name a machine", () => {
    const v = verdict({ claims: ["C3"], holds: "cannot judge", text: "Cannot judge: $results.err is missing.", from: {} });
    expect(v).toMatchObject({ holds: "cannot judge", machine: undefined, runs: { fewest: 0, most: 0 } });
    expect(shown[0]["text/plain"]).toMatch(/^Verdict on C3: cannot judge\.\nCannot judge: .*\nRests on \(no measured runs\):\n {2}- no figures\nMachine: no result ran/);
    expect(shown[0]["text/html"]).toContain(">cannot judge</span>");
  });

  it("refuses a figure that was not computed, or that names no result or runs", () => {
    expect(() => verdict({ claims: ["C1"], holds: true, text: "ok", from: { clean }, figures: [{ what: "wall", value: "NaN ms", result: "io", runs: 3 }] })).toThrow(/shows "NaN" where a measured figure should be/);
    expect(() => verdict({ claims: ["C1"], holds: true, text: "ok", from: { clean }, figures: [{ what: "wall", value: "1 ms", result: "io", runs: 0 }] })).toThrow(/names the result it comes from and its runs/);
    expect(shown).toHaveLength(0);
  });

  it("refuses figures from two machines", () => {
    const elsewhere = { ...clean, machine: { ...clean.machine, cores: 64 } };
    expect(() => verdict({ claims: ["C6"], holds: true, text: "ok", from: { clean, elsewhere } })).toThrow(/clean ran on 4 cores.*but elsewhere on 64 cores/);
  });
});

const CPYTHON = { implementation: "cpython", version: "3.11.2", build: "GIL" as const, gilEnabled: true };
const pyClean = { ...fixtureExperiment({ model: "async" }), runtime: CPYTHON };

describe("the runtime of a verdict", () => {
  it("comes from the results: on Node, or on CPython X.Y with its build; a result made before results named theirs counts as Node", () => {
    expect(verdict({ claims: ["C1"], holds: true, text: "ok", from: { clean } }).runtime).toEqual({ implementation: "node", version: "20.0.0" });
    expect(shown[0]["text/plain"]).toMatch(/^Verdict on C1, on Node: holds\./);
    const old = { ...clean } as Partial<ExperimentResult>;
    delete old.runtime;
    expect(verdict({ claims: ["C1"], holds: true, text: "ok", from: { old: old as ExperimentResult } }).runtime).toEqual({ implementation: "node", version: "20.0.0" });
    const v = verdict({ claims: ["C1"], holds: false, text: "ok", from: { pyClean } });
    expect(shown[2]["text/plain"]).toMatch(/^Verdict on C1, on CPython 3\.11 \(GIL\): does not hold\./);
    expect((shown[2][VERDICT_MIME] as { verdicts: { runtime: unknown }[] }).verdicts[0].runtime).toEqual(CPYTHON);
    expect(v.runtime).toEqual(CPYTHON);
    const freeThreaded = { ...pyClean, runtime: { implementation: "cpython", version: "3.13.1", build: "free-threaded" as const, gilEnabled: false } };
    verdict({ claims: ["C1"], holds: true, text: "ok", from: { freeThreaded } });
    expect(shown[3]["text/plain"]).toMatch(/^Verdict on C1, on CPython 3\.13 \(free-threaded, GIL off\): holds\./);
  });

  it("is one runtime: results of Node and CPython in one verdict are refused, naming both", () => {
    expect(() => verdict({ claims: ["C1"], holds: true, text: "ok", from: { clean, pyClean } })).toThrow(/clean ran on Node but pyClean on CPython 3\.11 \(GIL\): judge each runtime's results apart/);
    const mixed = fixtureComparison([clean, pyClean]);
    expect(() => verdict({ claims: ["C1"], holds: true, text: "ok", from: { mixed } })).toThrow(/mixed ran on Node but mixed on Node and CPython 3\.11 \(GIL\)/);
  });
});

describe("a verdict of Node and CPython", () => {
  const node = { claims: ["C1" as const], holds: true as const, text: "async took **25 ms**", from: { clean }, figures: [{ what: "async: wall time", value: "25 ms", result: "clean", runs: 5, strong: true as const }, { what: "sync", value: "9 ms", result: "clean", runs: 5 }] };
  const python = { claims: ["C1" as const], holds: false as const, text: "asyncio took **30 ms**", from: { pyClean }, figures: [{ what: "asyncio: wall time", value: "30 ms", result: "pyClean", runs: 5, strong: true as const }] };

  it("prints two computed lines first, then both verdicts; its data has both, each with its runtime", () => {
    const both = verdict(node, python);
    expect(both.map((v) => v.holds)).toEqual([true, false]);
    const text = shown[0]["text/plain"] as string;
    expect(text.split("\n").slice(0, 2)).toEqual(["on Node: holds — async: wall time 25 ms", "on CPython 3.11 (GIL): does not hold — asyncio: wall time 30 ms"]);
    expect(text).toMatch(/\n\nVerdict on C1, on Node: holds\.[\s\S]*\n\nVerdict on C1, on CPython 3\.11 \(GIL\): does not hold\./);
    expect((shown[0][VERDICT_MIME] as { verdicts: { runtime: { implementation: string } }[] }).verdicts.map((v) => v.runtime.implementation)).toEqual(["node", "cpython"]);
    expect(shown[0]["text/html"]).toContain("<li>on CPython 3.11 (GIL): does not hold — asyncio: wall time 30 ms</li>");
  });

  it("names a verdict's first figures in its line when none is marked as deciding, not a sentence of its prose", () => {
    const plain = { ...node, text: "The pools took 370 ms.\n\n*Not measured by this verdict:* more cores.", figures: node.figures.map(({ strong: _, ...f }) => f) };
    verdict(plain, python);
    expect((shown[0]["text/plain"] as string).split("\n")[0]).toBe("on Node: holds — async: wall time 25 ms; sync 9 ms");
  });

  it("says why in its line when a verdict cannot judge", () => {
    verdict(node, { claims: ["C1"], holds: "cannot judge", text: "Cannot judge: $results.pyIo is missing. Run the notebook.", from: {} });
    expect((shown[0]["text/plain"] as string).split("\n")[1]).toBe("on CPython: cannot judge — $results.pyIo is missing");
    verdict(node, { claims: ["C8"], holds: "cannot judge", text: "The pools took 370 ms.\n\nCannot judge: the machine was busy (busy: other processes used 0.63 of its 2 cores (at most 0.85)): other processes' threads congest the cores too. Re-run.", from: {} });
    expect((shown[1]["text/plain"] as string).split("\n")[1]).toBe("on CPython: cannot judge — the machine was busy");
  });

  it("names the deciding figures in its line when a verdict was measured but its findings showed nothing either way", () => {
    const overlapping = { ...node, holds: "cannot judge" as const, text: "The same 128 tasks on pools of 2 and 64 workers.\n\nThe wall time rose 1.25× but the runs overlap, so no degradation is shown." };
    verdict(overlapping, python);
    expect((shown[0]["text/plain"] as string).split("\n")[0]).toBe("on Node: cannot judge — async: wall time 25 ms");
  });

  it("says CPython was not measured, in the magic's words, when no interpreter was found", () => {
    const saved = { PATH: process.env.PATH, CONCLAB_PYTHON: process.env.CONCLAB_PYTHON };
    process.env.PATH = "/nonexistent";
    delete process.env.CONCLAB_PYTHON;
    try {
      const [, py] = verdict(node, { claims: ["C1"], holds: "cannot judge", text: "Cannot judge: $results.pyIo is missing.", from: {} });
      expect(py.notMeasured).toMatch(/^no python3 on PATH; set CONCLAB_PYTHON/);
      const text = shown[0]["text/plain"] as string;
      expect(text.split("\n")[1]).toMatch(/^on CPython: not measured: no python3 on PATH; set CONCLAB_PYTHON/);
      expect(text).not.toContain("Verdict on C1: cannot judge");
      verdicts([[node, { claims: ["C1"], holds: "cannot judge", text: "Cannot judge: $results.pyIo is missing.", from: {} }]]);
      expect(shown[1]["text/html"]).toContain("<td>not measured</td>");
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.CONCLAB_PYTHON !== undefined) process.env.CONCLAB_PYTHON = saved.CONCLAB_PYTHON;
    }
  });
});

describe("verdicts", () => {
  it("shows a CPython column when a row is a pair of Node's verdict and CPython's", () => {
    const all = verdicts([
      [
        { claims: ["C1"], holds: true, text: "one", from: { clean } },
        { claims: ["C1"], holds: false, text: "one, CPython", from: { pyClean } },
      ],
      { claims: ["C2"], holds: false, text: "two", from: { clean } },
    ]);
    expect(all.map((v) => v.runtime?.implementation)).toEqual(["node", "cpython", "node"]);
    const html = shown[0]["text/html"] as string;
    expect(html).toContain("<th>on Node</th><th>on CPython</th>");
    expect(html).toContain("CPython 3.11 (GIL)</span>");
    expect(html).toContain("<td>not measured here</td>");
    expect((shown[0]["text/plain"] as string).split("\n").slice(0, 2)).toEqual(["on Node: holds — one", "on CPython 3.11 (GIL): does not hold — one, CPython"]);
  });

  it("shows several verdicts as one table naming every claim", () => {
    const all = verdicts([
      { claims: ["C1"], holds: true, text: "one", from: { clean } },
      { claims: ["C2"], holds: false, text: "two", from: { clean } },
    ]);
    expect(all.map((v) => v.claims)).toEqual([["C1"], ["C2"]]);
    expect(shown).toHaveLength(1);
    expect((shown[0][VERDICT_MIME] as { verdicts: unknown[] }).verdicts).toHaveLength(2);
    expect(shown[0]["text/html"]).toContain('data-claims="C1 C2"');
    expect(shown[0]["text/html"]).toContain("does not hold");
  });

  it("shows nothing when one of them is wrong", () => {
    expect(() => verdicts([{ claims: ["C1"], holds: true, text: "one", from: { clean } }, { claims: ["C2"], holds: true, text: "NaN", from: { clean } }])).toThrow(VerdictError);
    expect(shown).toHaveLength(0);
  });
});

describe("ratioOf", () => {
  const comparison = fixtureComparison([fixtureExperiment({ model: "sync" }), fixtureExperiment({ model: "threads" })]);
  const tested = (ratio: number, interval: [number, number], verdict: "slower" | "faster" | "negligible" | "no difference shown") => ({
    model: "threads" as const,
    ratio,
    test: { method: "sign test", rounds: 6, confidence: 0.96875, interval, negligible: 0.02, verdict },
  });

  it("gives a model's time against the first, or the speedup, with the interval turned the same way and the verdict", () => {
    comparison.ratios[1] = tested(0.5, [0.4, 0.625], "faster");
    expect(ratioOf(comparison, "threads")).toEqual({ value: 0.5, beyond: true, text: "**0.50×** (0.40–0.63× at 96.9% confidence, faster)" });
    expect(ratioOf(comparison, "threads", "speedup")).toEqual({ value: 2, beyond: true, text: "**2.00×** (1.60–2.50× at 96.9% confidence, faster)" });
  });

  it("says a negligible difference and no difference shown as such, neither of them beyond", () => {
    comparison.ratios[1] = tested(1.01, [1.005, 1.015], "negligible");
    expect(ratioOf(comparison, "threads")).toEqual({ value: 1.01, beyond: false, text: "**1.01×** (1.00–1.01× at 96.9% confidence, negligible, within ±2%)" });
    comparison.ratios[1] = tested(1.05, [0.9, 1.2], "no difference shown");
    expect(ratioOf(comparison, "threads")).toEqual({ value: 1.05, beyond: false, text: "**1.05×** (0.90–1.20× at 96.9% confidence, no difference shown)" });
  });

  it("says when there was no test, and refuses a model the comparison did not run", () => {
    expect(ratioOf(comparison, "sync").text).toBe("**1.00×** (the baseline)");
    comparison.ratios[1] = { model: "threads", ratio: 0.5 };
    expect(ratioOf(comparison, "threads")).toEqual({ value: 0.5, beyond: false, text: "**0.50×** (no verdict: too few rounds for the test)" });
    expect(() => ratioOf(comparison, "processes")).toThrow(/ran no model processes; it ran sync, threads/);
  });
});
