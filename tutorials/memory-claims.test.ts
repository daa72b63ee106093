import { claimComparison, claimExperiment, claimSweep, onCPython, TestSpec } from "../test/support/claim-fixtures";
import { judge } from "./verdicts";
import { judgeC12, judgeC4, judgeDataHandoff } from "./memory-claims";

const NODE_WORDS = /V8|isolate|worker thread|Node worker|Node's|a message to a worker/;

const checked = <T extends Parameters<typeof judge>[0]>(v: T): T => (judge(v), v);
const KiB = 1024;
const MiB = 1024 ** 2;

describe("judgeC4", () => {
  /** 10,000 pending async tasks whose runs add `rssPerTask` each; the first and last task return the heap. */
  const pending = (rssPerTask: number[] = [1 * KiB, 1.1 * KiB, 1.2 * KiB]) =>
    claimExperiment({ model: "async", tasks: 10_000, runs: rssPerTask.map((r) => ({ peakRssBytes: r * 10_000 })), values: [50 * MiB, ...Array(9_998).fill(undefined), 50 * MiB + 9_999 * 600] });
  const pool = (perWorker: number) => claimExperiment({ model: "threads", workers: 16, tasks: 16, runs: 3, startup: { what: "16 worker threads", lanes: 16, wallMs: 200, rssAboveBaselineBytes: 16 * perWorker } });
  const spawned = (perWorker: number[]) => claimExperiment({ model: "threads", spawn: true, workers: 16, tasks: 16, runs: perWorker.map((p) => ({ peakRssBytes: 16 * p, inFlight: 16 })) });
  const processes = claimExperiment({ model: "processes", workers: 2, tasks: 2, runs: 3, run: { laneRssBytes: 45 * MiB } });
  const names = { async: "pendingAsync", pool: "liveWorkers", spawn: "spawnedWorkers", processes: "liveProcesses" };

  it("holds when a worker, pooled or new, takes more memory than a pending async task in every run", () => {
    const v = checked(judgeC4({ pendingAsync: pending(), liveWorkers: pool(9 * MiB), spawnedWorkers: spawned([8 * MiB, 9 * MiB, 10 * MiB]), liveProcesses: processes }, names));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/10000 async tasks pending at once \(up to 10000 in flight\): \*\*1\.1 KiB \(1 KiB–1\.2 KiB\)\*\* of RSS each/);
    expect(v.text).toMatch(/The main heap grew by 600 B per pending task/);
    expect(v.text).toMatch(/A worker thread of a pool of 16 took \*\*9 MiB\*\* of RSS to start, of which its own V8 heap in use was 4 MiB/);
    expect(v.text).toMatch(/A child process had 45 MiB of RSS/);
  });

  it("holds in part when the pool's workers cost more but a worker per task did not show it", () => {
    expect(checked(judgeC4({ pendingAsync: pending(), liveWorkers: pool(9 * MiB), spawnedWorkers: spawned([0.5 * KiB, 1.1 * KiB, 5 * KiB]) }, { async: "pendingAsync", pool: "liveWorkers", spawn: "spawnedWorkers" })).holds).toBe("partly");
  });

  it("does not hold when a worker takes less than an async task", () => {
    expect(checked(judgeC4({ pendingAsync: pending(), liveWorkers: pool(0.5 * KiB) }, { async: "pendingAsync", pool: "liveWorkers" })).holds).toBe(false);
  });

  it("reads the biggest pool of a sweep of comparisons, as notebook 00 does", () => {
    const cpu = claimSweep("workers", [2, 16], (w) => claimComparison([claimExperiment({ model: "sync", tasks: 16 }), claimExperiment({ model: "threads", workers: w, tasks: 16, startup: { what: `${w}`, lanes: w, wallMs: 50, rssAboveBaselineBytes: w * 9 * MiB } })]));
    expect(checked(judgeC4({ pendingAsync: pending(), cpu }, { async: "pendingAsync", pool: "cpu" })).text).toMatch(/a pool of 16 took \*\*9 MiB\*\*/);
  });

  it("cannot judge overlapping runs, a result without a pool, or a missing or wrong result", () => {
    expect(checked(judgeC4({ pendingAsync: pending([0.5 * KiB, 1 * KiB, 2 * KiB]), liveWorkers: pool(1 * KiB) }, { async: "pendingAsync", pool: "liveWorkers" })).holds).toBe("cannot judge");
    expect(judgeC4({ pendingAsync: pending(), liveWorkers: claimExperiment({ model: "threads", workers: 2 }) }, { async: "pendingAsync", pool: "liveWorkers" }).text).toMatch(/holds no %%threads pool with its start-up RSS measured/);
    expect(judgeC4({ pendingAsync: claimExperiment({ model: "sync" }), liveWorkers: pool(1) }, { async: "pendingAsync", pool: "liveWorkers" }).text).toMatch(/%%sync experiment where %%async was expected/);
    expect(judgeC4({ liveWorkers: pool(1) }, { async: "pendingAsync", pool: "liveWorkers" }).text).toMatch(/\$results\.pendingAsync is missing/);
    expect(judgeC4({ pendingAsync: pending() }, { async: "pendingAsync" }).text).toMatch(/needs threads to weigh against async/);
  });

  it("reads CPython's coroutines and threads alike, with a thread per task alone, to each outcome", () => {
    const pyPending = onCPython(pending());
    const held = checked(judgeC4({ pyPending, pySpawned: onCPython(spawned([12 * KiB, 13 * KiB, 17 * KiB])), pyProcesses: onCPython(processes) }, { async: "pyPending", spawn: "pySpawned", processes: "pyProcesses" }));
    expect(held.holds).toBe(true);
    expect(held.text).toMatch(/A new thread per task, up to 16 alive at once: \*\*13 KiB \(12 KiB–17 KiB\)\*\* each, 11\.8× an async task's, more in every run/);
    expect(held.text).toMatch(/A worker process had 45 MiB of RSS \(a whole CPython interpreter\)/);
    expect(held.text).toMatch(/On CPython a thread is an OS thread/);
    expect(held.text).not.toMatch(/worker thread|V8/);
    expect(checked(judgeC4({ pyPending, pySpawned: onCPython(spawned([0.5 * KiB, 0.6 * KiB, 0.7 * KiB])) }, { async: "pyPending", spawn: "pySpawned" })).holds).toBe(false);
    expect(checked(judgeC4({ pyPending, pySpawned: onCPython(spawned([0.5 * KiB, 1.1 * KiB, 5 * KiB])) }, { async: "pyPending", spawn: "pySpawned" })).holds).toBe("cannot judge");
  });
});

describe("judgeC12", () => {
  const trivial = (verdict: TestSpec) =>
    claimComparison(
      [
        claimExperiment({ model: "async", tasks: 2000, walls: Array(5).fill(2) }),
        claimExperiment({ model: "threads", workers: 4, tasks: 2000, walls: Array(5).fill(60) }),
        claimExperiment({ model: "processes", workers: 4, tasks: 2000, walls: Array(5).fill(200) }),
      ],
      { threads: verdict, processes: "slower" },
    );
  const spawn = (perTaskMs: { median: number; min: number; max: number }) => claimExperiment({ model: "threads", spawn: true, tasks: 20, runs: 3, startup: { what: "20 workers", lanes: 20, wallMs: 0, perTaskMs: { ...perTaskMs, of: 60 } } });

  it("on CPython, reaches each outcome and names a submit through the pool's queue and a new threading.Thread, not Node's workers", () => {
    const cases: [TestSpec, boolean, unknown][] = [
      ["slower", true, true],
      ["negligible", true, "partly"],
      ["faster", false, false],
      ["no difference shown", false, "cannot judge"],
    ];
    for (const [dispatch, withSpawn, holds] of cases) {
      const v = checked(judgeC12({ pyTrivial: onCPython(trivial(dispatch)), ...(withSpawn ? { pySpawn: onCPython(spawn({ median: 12, min: 10, max: 20 })) } : {}) }, { trivial: "pyTrivial", ...(withSpawn ? { spawn: "pySpawn" } : {}) }));
      expect(v.holds).toBe(holds);
      expect(v.text).toMatch(/a warm pool of 4 threads .*\(a submit through the pool's queue and its lock, and back\)/);
      expect(v.text).toMatch(/On CPython a coroutine step, a `ThreadPoolExecutor\.submit`.*a free-threaded build would not make a submit cheaper/);
      if (withSpawn) expect(v.text).toMatch(/A new thread per task took/);
      expect(v.text).not.toMatch(NODE_WORDS);
    }
  });

  it("holds when a pool's dispatch is slower than async and a new worker costs more", () => {
    const v = checked(judgeC12({ trivial: trivial("slower"), trivialSpawn: spawn({ median: 12, min: 10, max: 20 }) }, { trivial: "trivial", spawn: "trivialSpawn" }));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/per task, async \*\*1\.00 µs\*\*, a warm pool of 4 worker threads \*\*30\.0 µs\*\*.*4 child processes 100\.0 µs/);
    expect(v.text).toMatch(/A new worker thread per task took \*\*12 ms \(10 ms–20 ms\)\*\* to start/);
  });

  it("holds in part when the dispatch is not slower but a new worker is", () => {
    expect(checked(judgeC12({ trivial: trivial("negligible"), trivialSpawn: spawn({ median: 12, min: 10, max: 20 }) }, { trivial: "trivial", spawn: "trivialSpawn" })).holds).toBe("partly");
  });

  it("does not hold when the dispatch is faster than async", () => {
    expect(checked(judgeC12({ trivial: trivial("faster") }, { trivial: "trivial" })).holds).toBe(false);
  });

  it("cannot judge without a difference shown, without the spawn start-up, or with a result missing", () => {
    expect(checked(judgeC12({ trivial: trivial("no difference shown") }, { trivial: "trivial" })).holds).toBe("cannot judge");
    expect(judgeC12({ trivial: trivial("slower"), io: claimExperiment({ model: "threads" }) }, { trivial: "trivial", spawn: "io" }).text).toMatch(/holds no %%threads --spawn experiment/);
    expect(judgeC12({}, { trivial: "trivial" }).text).toMatch(/\$results\.trivial is missing/);
  });
});

describe("judgeDataHandoff", () => {
  const SIZE = 32 * MiB;
  const trips = (perTaskMs: number[], model: "sync" | "async" = "sync", size = SIZE) => claimExperiment({ model, tasks: 10, walls: perTaskMs.map((ms) => ms * 10), values: Array(10).fill(size) });
  const moves = (shared: number[], transferred = [0.2, 0.21, 0.22], sizeSeen = SIZE) => ({
    copyTrip: trips([20, 21, 22]),
    transferTrip: trips(transferred),
    shareTrip: trips(shared, "sync", sizeSeen),
    asyncHandoff: trips([0.001, 0.001, 0.0012], "async"),
  });
  const names = { copied: "copyTrip", transferred: "transferTrip", shared: "shareTrip", async: "asyncHandoff" };

  it("holds when every way of handing data to a thread costs more than handing it to an async task", () => {
    const v = checked(judgeDataHandoff(moves([0.2, 0.2, 0.25]), names));
    expect(v).toMatchObject({ holds: true, claims: ["C1", "C12"] });
    expect(v.text).toMatch(/A round trip of 32 MiB to a worker thread and back: copied \(structured clone\) \*\*21 ms \(20 ms–22 ms\)\*\*/);
    expect(v.text).toMatch(/Copying cost 100\.0× a transfer/);
  });

  it("holds in part when one way costs no more than the async handoff", () => {
    expect(checked(judgeDataHandoff(moves([0.001, 0.001, 0.001]), names)).holds).toBe("partly");
  });

  it("does not hold when none costs 5× the async handoff", () => {
    expect(checked(judgeDataHandoff({ ...moves([0.001, 0.001, 0.001], [0.001, 0.001, 0.001]), copyTrip: trips([0.002, 0.002, 0.002]) }, names)).holds).toBe(false);
  });

  it("cannot judge a task that saw the wrong size, overlapping runs, or a missing result", () => {
    expect(judgeDataHandoff(moves([0.2, 0.2, 0.25], undefined, 1024), names)).toMatchObject({ holds: "cannot judge", text: expect.stringMatching(/wrong size/) });
    const overlapping = { ...moves([0.2, 0.2, 0.25]), asyncHandoff: trips([0.001, 0.3, 30], "async"), transferTrip: trips([0.2, 6, 7]), shareTrip: trips([0.2, 6, 7]), copyTrip: trips([0.2, 6, 40]) };
    expect(checked(judgeDataHandoff(overlapping, names)).holds).toBe("cannot judge");
    expect(judgeDataHandoff({}, names).text).toMatch(/\$results\.copyTrip is missing.*\$results\.transferTrip is missing/);
  });
});
