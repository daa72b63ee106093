import { claimComparison, claimExperiment, claimSweep, onCPython, TestSpec } from "../test/support/claim-fixtures";
import type { CompareModelName } from "../magics/result/experiment-result";
import { judge } from "./verdicts";
import { judgeC1, judgeC2, judgeC7 } from "./io-claims";

const NODE_WORDS = /V8|isolate|worker thread|Node worker|Node's|a message to a worker/;

/** The comparison of `models` over 8 requests, async first, with the test given per model; spawn's workers are measured starting. */
function ioComparison(tests: Partial<Record<CompareModelName, TestSpec>>, models: CompareModelName[] = ["async", "sync", "threads", "spawn"], walls: Partial<Record<CompareModelName, number>> = {}) {
  const experiments = models.map((m) =>
    claimExperiment({
      model: m === "spawn" ? "threads" : m,
      spawn: m === "spawn",
      tasks: 8,
      workers: m === "threads" || m === "spawn" ? 8 : undefined,
      walls: Array(5).fill(walls[m] ?? { async: 25, sync: 170, threads: 27, spawn: 90, processes: 40 }[m]),
      startup: m === "spawn" ? { what: "8 workers", lanes: 8, wallMs: 0, perTaskMs: { median: 30, min: 25, max: 40, of: 40 }, aloneMs: 12, startsAtOnce: 8 } : m === "threads" ? { what: "8 worker threads", lanes: 8, wallMs: 60, rssAboveBaselineBytes: 80 * 1024 ** 2 } : undefined,
    }),
  );
  return claimComparison(experiments, tests, models);
}

const checked = <T extends Parameters<typeof judge>[0]>(v: T): T => (judge(v), v);

describe("judgeC1", () => {
  it("on CPython, reaches each outcome from the same figures and says what applies there, not Node's workers", () => {
    const cases: [Partial<Record<CompareModelName, TestSpec>>, unknown][] = [
      [{ spawn: "slower", threads: "slower" }, true],
      [{ spawn: "slower", threads: "negligible" }, "partly"],
      [{ spawn: "negligible", threads: "faster" }, false],
      [{ spawn: "no difference shown", threads: "no difference shown" }, "cannot judge"],
    ];
    for (const [tests, holds] of cases) {
      const v = checked(judgeC1({ pyIo: onCPython(ioComparison(tests)) }, { io: "pyIo" }));
      expect(v.holds).toBe(holds);
      expect(v.text).toMatch(/On CPython a thread is an OS thread in the one interpreter.*A free-threaded build \(python3\.13t\) should not change this verdict much/);
      expect(v.text).toMatch(/A new thread per request \(spawn\)/);
      expect(v.text).not.toMatch(NODE_WORDS);
    }
    expect(checked(judgeC1({ pyIo: onCPython(ioComparison({ spawn: "slower", threads: "slower" })) }, { io: "pyIo" })).text).toMatch(/pays the hand-over through the pool's queue, and the GIL/);
    expect(judgeC1({}, { io: "pyIo" }).holds).toBe("cannot judge");
  });

  it("holds when new threads and pooled threads were both slower than async, and says what was slower", () => {
    const v = checked(judgeC1({ io: ioComparison({ spawn: "slower", threads: "slower" }) }, { io: "io" }));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/Both kinds of thread were slower than async/);
    expect(v.figures?.find((f) => f.what === "spawn against async: wall time")).toMatchObject({ value: "3.60×", result: "io", runs: 5, interval: expect.stringMatching(/at 93\.8% confidence.*5 paired rounds\): slower/) });
    expect(v.text).toMatch(/Starting one worker alone took 12 ms/);
  });

  it("holds in part when only creating threads cost time", () => {
    const v = checked(judgeC1({ io: ioComparison({ spawn: "slower", threads: "negligible" }) }, { io: "io" }));
    expect(v.holds).toBe("partly");
    expect(v.text).toMatch(/what cost time was \*creating\* threads/);
  });

  it("does not hold when new threads were not slower, and says so instead of blaming thread creation", () => {
    const v = checked(judgeC1({ io: ioComparison({ spawn: "negligible", threads: "faster" }) }, { io: "io" }));
    expect(v.holds).toBe(false);
    expect(v.text).toMatch(/did not make threads slower/);
    expect(v.text).not.toMatch(/what cost time was/);
  });

  it("cannot judge when the runs show no difference, never reading that as the same", () => {
    const v = checked(judgeC1({ io: ioComparison({ spawn: "no difference shown", threads: "no difference shown" }) }, { io: "io" }));
    expect(v.holds).toBe("cannot judge");
    expect(v.text).toMatch(/could not tell/);
    expect(v.text).toMatch(/which does not make them the same/);
  });

  it("cannot judge a missing or failed result, or a comparison without async first or without spawn", () => {
    expect(checked(judgeC1({}, { io: "io" }))).toMatchObject({ holds: "cannot judge", text: expect.stringMatching(/\$results\.io is missing.*--name io/) });
    const failed = ioComparison({ spawn: "slower" });
    failed.experiments[0] = claimExperiment({ model: "async", tasks: 8, run: { failed: [2] } });
    expect(checked(judgeC1({ io: failed }, { io: "io" }))).toMatchObject({ holds: "cannot judge", text: expect.stringMatching(/1 failed task\(s\), e\.g\. task 2/) });
    expect(judgeC1({ io: ioComparison({ spawn: "slower" }, ["sync", "async", "spawn"]) }, { io: "io" }).text).toMatch(/put async first/);
    expect(judgeC1({ io: ioComparison({ threads: "slower" }, ["async", "threads"]) }, { io: "io" }).text).toMatch(/ran no spawn model/);
    expect(judgeC1({ io: claimExperiment() }, { io: "io" }).text).toMatch(/conclab\.experiment result where a conclab\.comparison was expected/);
  });

  it("judges new threads alone when there is no pool", () => {
    const v = checked(judgeC1({ io: ioComparison({ spawn: "slower" }, ["async", "spawn"]) }, { io: "io" }));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/Creating a thread per request cost time, as the article says\. Threshold: holds when new threads are slower than async\./);
    expect(checked(judgeC1({ io: ioComparison({ spawn: "slower", threads: "no difference shown" }) }, { io: "io" }))).toMatchObject({ holds: "partly", text: expect.stringMatching(/for the pool, these runs showed nothing either way/) });
  });
});

describe("judgeC2", () => {
  const block = (verdict: TestSpec) => claimComparison([claimExperiment({ model: "async", tasks: 8, walls: Array(5).fill(320) }), claimExperiment({ model: "threads", workers: 8, tasks: 8, walls: Array(5).fill(45) })], { threads: verdict });
  const pools = claimSweep("workers", [2, 5, 10], (w) => claimExperiment({ model: "threads", workers: w, tasks: 20, walls: [200 / w, 210 / w, 190 / w] }));

  it("on CPython, reaches each outcome and says the blocking call releases the GIL, not Node's HTTP", () => {
    const cases: [TestSpec, TestSpec, unknown][] = [
      ["faster", "faster", true],
      ["negligible", "faster", "partly"],
      ["slower", "negligible", false],
      ["no difference shown", "no difference shown", "cannot judge"],
    ];
    for (const [io, blocking, holds] of cases) {
      const v = checked(judgeC2({ pyIo: onCPython(ioComparison({ threads: io })), pyBlock: onCPython(block(blocking)) }, { io: "pyIo", block: "pyBlock" }));
      expect(v.holds).toBe(holds);
      expect(v.text).toMatch(/asyncio's non-blocking requests/);
      expect(v.text).toMatch(/On CPython the blocking call .* releases the GIL.*A free-threaded build should not change this verdict/);
      expect(v.text).not.toMatch(NODE_WORDS);
    }
  });

  it("holds when threads beat async for blocking and non-blocking I/O", () => {
    const v = checked(judgeC2({ io: ioComparison({ threads: "faster" }), block: block("faster") }, { io: "io", block: "block" }));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/better than async for both/);
  });

  it("holds in part when threads win only where the call blocks, and reads a pool sweep", () => {
    const v = checked(judgeC2({ io: ioComparison({ threads: "negligible" }), block: block("faster"), ioWorkers: pools }, { io: "io", block: "block", pools: "ioWorkers" }));
    expect(v.holds).toBe("partly");
    expect(v.text).toMatch(/Threads won only where the call blocks: for non-blocking I\/O the one event loop overlapped the waits as well as the threads did/);
    expect(judgeC2({ io: ioComparison({ threads: "slower" }), block: block("faster") }, { io: "io", block: "block" }).text).toMatch(/overlapped the waits better than the threads did/);
    expect(v.text).toMatch(/2 → 100 ms \(95 ms–105 ms\), 5 → 40 ms.*every larger pool was faster in every run/);
    expect(v.text).toMatch(/sync in 170 ms/);
  });

  it("does not hold when threads were better for neither", () => {
    expect(checked(judgeC2({ io: ioComparison({ threads: "slower" }), block: block("negligible") }, { io: "io", block: "block" })).holds).toBe(false);
  });

  it("cannot judge when neither comparison shows a difference, or a result is missing", () => {
    expect(checked(judgeC2({ io: ioComparison({ threads: "no difference shown" }), block: block("no difference shown") }, { io: "io", block: "block" })).holds).toBe("cannot judge");
    expect(judgeC2({ io: ioComparison({}) }, { io: "io", block: "block" })).toMatchObject({ holds: "cannot judge", text: expect.stringMatching(/\$results\.block is missing/) });
    expect(judgeC2({ io: ioComparison({}), block: block("faster") }, { io: "io", block: "block", pools: "ioWorkers" }).text).toMatch(/\$results\.ioWorkers is missing/);
  });
});

describe("judgeC7", () => {
  const MiB = 1024 ** 2;
  /** Unbounded async against a 32-worker pool at `tasks` requests. */
  const many = (tasks: number, verdict: TestSpec, asyncRss: number[] = Array(5).fill(4 * MiB), poolStartRss = 320 * MiB) =>
    claimComparison(
      [
        claimExperiment({ model: "async", tasks, runs: asyncRss.map((peakRssBytes) => ({ wallMs: 30, peakRssBytes })) }),
        claimExperiment({ model: "threads", workers: 32, tasks, walls: Array(5).fill(30 * Math.ceil(tasks / 32)), run: { peakRssBytes: 1 * MiB }, startup: { what: "32 worker threads", lanes: 32, wallMs: 300, rssAboveBaselineBytes: poolStartRss } }),
      ],
      { threads: verdict },
    );
  /** Async capped at `cap` in flight against the same pool. */
  const equal = (verdict: TestSpec, cap = 32) =>
    claimComparison([claimExperiment({ model: "async", tasks: 1000, concurrency: cap, walls: Array(5).fill(950) }), claimExperiment({ model: "threads", workers: 32, tasks: 1000, walls: Array(5).fill(960) })], { threads: verdict });
  const sweep = (verdict: TestSpec, asyncRss?: number[], poolStartRss?: number) => claimSweep("tasks", [10, 100, 1000], (n) => many(n, n === 1000 ? verdict : "slower", asyncRss, poolStartRss));
  /** Async holding 400 KiB per request in flight, against a pool holding about 130 KiB per worker. */
  const heavier: [number[], number] = [Array(5).fill(400 * MiB), 3 * MiB];
  /** Async's memory per request ranging from 5 to 15 MiB across runs, around the pool's 10 MiB. */
  const overlapping = [5, 8, 10, 12, 15].map((m) => m * 1000 * MiB);

  it("on CPython, reaches each outcome and names CPython's threads and the GIL, not Node's workers", () => {
    const cases: [ReturnType<typeof sweep>, ReturnType<typeof equal>, unknown][] = [
      [sweep("slower"), equal("slower"), true],
      [sweep("slower", ...heavier), equal("slower"), "partly"],
      [sweep("negligible", ...heavier), equal("negligible"), false],
      [sweep("no difference shown", overlapping), equal("no difference shown"), "cannot judge"],
    ];
    for (const [m, e, holds] of cases) {
      const v = checked(judgeC7({ pyMany: onCPython(m), pyManyEqual: onCPython(e) }, { many: "pyMany", equal: "pyManyEqual" }));
      expect(v.holds).toBe(holds);
      expect(v.text).toMatch(/a pool of 32 threads served/);
      expect(v.text).toMatch(/On CPython each pooled thread has its own stack.*a free-threaded build would not change this I\/O-bound verdict much/);
      expect(v.text).not.toMatch(NODE_WORDS);
    }
    expect(checked(judgeC7({ pyMany: onCPython(sweep("slower")), pyManyEqual: onCPython(equal("slower")) }, { many: "pyMany", equal: "pyManyEqual" })).text).toMatch(/through a thread \(a hand-over through the pool's queue, and the GIL\)/);
  });

  it("holds when the pool was slower at the most requests and async lighter per request in flight; the control says why", () => {
    const v = checked(judgeC7({ many: sweep("slower"), manyEqual: equal("negligible") }, { many: "many", equal: "manyEqual" }));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/At 1000 requests of 20 ms, async served \*\*33333\*\* requests\/s with up to 1000 in flight/);
    expect(v.text).toMatch(/Memory per request in flight: async \*\*4\.1 KiB\*\*, the pool \*\*10 MiB\*\*.*async used less in every run/);
    expect(v.text).toMatch(/at equal concurrency \(32 requests in flight for each.*came from having all 1000 requests in flight/);
    expect(v.text).toMatch(/without the kernel's loopback server/);
    expect(v.figures?.some((f) => f.result === "many (tasks=1000)" && f.interval?.includes("slower"))).toBe(true);
  });

  it("holds in part when async was faster but not lighter, and reads a control in which the pool was slower", () => {
    const v = checked(judgeC7({ many: sweep("slower", ...heavier), manyEqual: equal("slower") }, { many: "many", equal: "manyEqual" }));
    expect(v.holds).toBe("partly");
    expect(v.text).toMatch(/each request cost more through a worker/);
  });

  it("does not hold when the pool was as fast and async heavier per request", () => {
    expect(checked(judgeC7({ many: sweep("negligible", ...heavier), manyEqual: equal("negligible") }, { many: "many", equal: "manyEqual" })).holds).toBe(false);
  });

  it("cannot judge without an equal-concurrency control, or without a difference shown, or with a result missing", () => {
    const unequal = checked(judgeC7({ many: sweep("slower"), manyEqual: equal("negligible", 100) }, { many: "many", equal: "manyEqual" }));
    expect(unequal).toMatchObject({ holds: "cannot judge", text: expect.stringMatching(/not an equal-concurrency control: async could have 100 requests in flight and the pool 32/) });
    expect(checked(judgeC7({ many: sweep("no difference shown", overlapping), manyEqual: equal("no difference shown") }, { many: "many", equal: "manyEqual" })).holds).toBe("cannot judge");
    expect(judgeC7({ many: sweep("slower") }, { many: "many", equal: "manyEqual" }).text).toMatch(/\$results\.manyEqual is missing/);
    expect(checked(judgeC7({ many: claimSweep("tasks", [10, 100], (n) => many(n, "slower")), manyEqual: equal("negligible") }, { many: "many", equal: "manyEqual" })).text).toMatch(/ran 1000 requests where the comparison read here ran 100: run it with --tasks 100/);
  });

  it("on CPython, counts of the pool's start-up only what it took beyond async's, since both start an interpreter", () => {
    const start = (rssAboveBaselineBytes: number) => ({ what: "the harness", lanes: 1, wallMs: 80, rssAboveBaselineBytes });
    const io = onCPython(
      claimComparison(
        [
          claimExperiment({ model: "async", tasks: 8, walls: Array(5).fill(25), run: { peakRssBytes: 64 * 1024 }, startup: start(24 * MiB) }),
          claimExperiment({ model: "threads", workers: 8, tasks: 8, walls: Array(5).fill(27), run: { peakRssBytes: 64 * 1024 }, startup: start(24 * MiB + 512 * 1024) }),
        ],
        { threads: "slower" },
      ),
    );
    const v = checked(judgeC7({ io }, { many: "io", equal: "io" }));
    // (512 KiB + 64 KiB) / 8 against async's 64 KiB / 8; with the interpreter's 24 MiB counted, the pool read 3.07 MiB a request.
    expect(v.text).toMatch(/async \*\*8 KiB\*\*, the pool \*\*72 KiB\*\* \(its start-up RSS beyond async's own included: 512 KiB, of 24\.5 MiB against async's 24 MiB, which both paid to start an interpreter\): async used less in every run/);
  });

  it("takes one comparison as its own control when every request fits in the pool", () => {
    const small = claimComparison(
      [claimExperiment({ model: "async", tasks: 8, walls: Array(5).fill(25), run: { peakRssBytes: 100 * 1024 } }), claimExperiment({ model: "threads", workers: 8, tasks: 8, walls: Array(5).fill(27), startup: { what: "8", lanes: 8, wallMs: 60, rssAboveBaselineBytes: 80 * MiB } })],
      { threads: "slower" },
    );
    const v = checked(judgeC7({ io: small }, { many: "io", equal: "io" }));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/Every request fitted in the pool, so this comparison is its own control, at equal concurrency \(8 requests in flight for each/);
  });
});
