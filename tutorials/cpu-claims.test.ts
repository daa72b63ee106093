import { claimComparison, claimExperiment, claimSweep, machineWith, onCPython, TestSpec } from "../test/support/claim-fixtures";
import type { MachineInfo } from "../magics/result/experiment-result";
import { MAX_WORKERS } from "../magics/options/experiment-options";
import { judge } from "./verdicts";
import { judgeC6, judgeC8, workerCounts } from "./cpu-claims";

const checked = <T extends Parameters<typeof judge>[0]>(v: T): T => (judge(v), v);

describe("workerCounts", () => {
  it("multiplies the cores, keeping counts from 1 to the magics' limit, each once", () => {
    expect(workerCounts([1, 2, 8, 32], 2)).toEqual([2, 4, 16, 64]);
    expect(workerCounts([1, 2, 8, 32], 16)).toEqual([16, 32, 128]);
    expect(workerCounts([0.5, 1, 2], 1)).toEqual([1, 2]);
    expect(Math.max(...workerCounts([1, 2, 8, 32, 64]))).toBeLessThanOrEqual(MAX_WORKERS);
  });
});

describe("judgeC6", () => {
  /** Sync against threads at each count of workers, the test at `cores` workers given. */
  const sweep = (verdictAtCores: TestSpec, options: { machine?: MachineInfo; answers?: unknown[]; otherCores?: number; threadCores?: number } = {}) =>
    claimSweep("workers", [1, 2, 4, 8], (w) =>
      claimComparison(
        [
          claimExperiment({ model: "sync", tasks: 8, walls: Array(5).fill(800), values: options.answers ?? Array(8).fill(41538), machine: options.machine, run: { otherCores: options.otherCores } }),
          claimExperiment({ model: "threads", workers: w, tasks: 8, walls: Array(5).fill(800 / Math.min(w, 4)), run: { bodyCpuMs: options.threadCores === undefined ? 800 : (options.threadCores * 800) / Math.min(w, 4), otherCores: options.otherCores }, values: Array(8).fill(41538), machine: options.machine }),
        ],
        { threads: w === 4 ? verdictAtCores : "faster" },
      ),
    );
  const models = (asyncVerdict: TestSpec) =>
    claimComparison(
      [
        claimExperiment({ model: "sync", tasks: 8, walls: Array(5).fill(800), values: Array(8).fill(41538) }),
        claimExperiment({ model: "async", tasks: 8, walls: Array(5).fill(800), values: Array(8).fill(41538) }),
        claimExperiment({ model: "threads", workers: 2, tasks: 8, walls: Array(5).fill(400), values: Array(8).fill(41538) }),
        claimExperiment({ model: "processes", workers: 2, tasks: 8, walls: Array(5).fill(450), values: Array(8).fill(41538) }),
      ],
      { async: asyncVerdict, threads: "faster", processes: "faster" },
    );

  it("says when the speed-up is above the cores the threads could use: the one-thread baseline ran slow, off its core", () => {
    const machine = machineWith(2);
    const cpu = claimSweep("workers", [1, 2], (w) =>
      claimComparison(
        [
          claimExperiment({ model: "sync", tasks: 8, walls: Array(5).fill(860), run: { bodyCpuMs: 645 }, values: Array(8).fill(41538), machine }),
          claimExperiment({ model: "threads", workers: w, tasks: 8, walls: Array(5).fill(w === 2 ? 400 : 860), run: { bodyCpuMs: 650 }, values: Array(8).fill(41538), machine }),
        ],
        { threads: "faster" },
      ),
    );
    const v = checked(judgeC6({ cpu }, { workers: "cpu" }));
    expect(v.text).toMatch(/A speed-up above the 2 cores the threads could use is more than parallelism gives: sync's one thread was on its core only 75% of its wall time/);
    expect(checked(judgeC6({ cpu: sweep("faster") }, { workers: "cpu" })).text).not.toMatch(/above the \d+ cores the threads could use/);
  });

  it("reads threads that kept about one core busy on a quiet machine as not faster, where the paired test alone shows nothing", () => {
    const oneAtATime = checked(judgeC6({ cpu: onCPython(sweep("no difference shown", { threadCores: 0.97 })) }, { workers: "cpu" }));
    expect(oneAtATime.holds).toBe(false);
    expect(oneAtATime.text).toMatch(/kept under 1\.2 cores busy on a quiet machine: they ran one at a time/);
    expect(checked(judgeC6({ cpu: sweep("no difference shown", { threadCores: 0.97, otherCores: 3 }) }, { workers: "cpu" })).holds).toBe("cannot judge");
    expect(checked(judgeC6({ cpu: sweep("no difference shown", { threadCores: 1.5 }) }, { workers: "cpu" })).holds).toBe("cannot judge");
  });

  it("on CPython, reaches each outcome, says the GIL stops threads and a free-threaded build is where the verdict would change", () => {
    const cases: [ReturnType<typeof sweep>, ReturnType<typeof models> | undefined, unknown][] = [
      [sweep("faster"), models("negligible"), true],
      [sweep("faster"), models("faster"), "partly"],
      [sweep("negligible"), undefined, false],
      [sweep("no difference shown"), undefined, "cannot judge"],
    ];
    for (const [workers, cpu, holds] of cases) {
      const v = checked(judgeC6({ pyCpuWorkers: onCPython(workers), ...(cpu ? { pyCpu: onCPython(cpu) } : {}) }, { workers: "pyCpuWorkers", ...(cpu ? { models: "pyCpu" } : {}) }));
      expect(v.holds).toBe(holds);
      expect(v.text).toMatch(/On CPython with the GIL, one thread at a time runs Python code.*A free-threaded build \(python3\.13t, GIL off\) is where this verdict would change/);
      expect(v.text).not.toMatch(/\*Not measured by this verdict:\* in CPython/);
    }
    const free = { implementation: "cpython", version: "3.13.1", build: "free-threaded" as const, gilEnabled: false };
    expect(checked(judgeC6({ s: onCPython(sweep("faster"), free) }, { workers: "s" })).text).toMatch(/This CPython ran free-threaded with the GIL off/);
  });

  it("holds when threads, as many as the cores, beat sync and async does not, on the same work", () => {
    const v = checked(judgeC6({ cpuWorkers: sweep("faster"), cpu: models("negligible") }, { workers: "cpuWorkers", models: "cpu" }));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/every task in every model returned 41538/);
    expect(v.text).toMatch(/With 4 workers \(the most not above the 4 cores\) the pool was faster than sync/);
    expect(v.text).toMatch(/\*Prediction, not measured here:\*/);
    expect(v.figures?.filter((f) => f.what.startsWith("threads against sync at"))).toHaveLength(4);
  });

  it("holds in part when threads beat sync but so did async", () => {
    expect(checked(judgeC6({ cpuWorkers: sweep("faster"), cpu: models("faster") }, { workers: "cpuWorkers", models: "cpu" })).holds).toBe("partly");
  });

  it("does not hold when threads were no faster on a quiet machine with cores to spare", () => {
    expect(checked(judgeC6({ cpuWorkers: sweep("negligible") }, { workers: "cpuWorkers" })).holds).toBe(false);
  });

  it("cannot judge no speed-up on a busy machine or on one core, different answers, no difference shown, or a missing result", () => {
    const busy = checked(judgeC6({ s: sweep("negligible", { otherCores: 3 }) }, { workers: "s" }));
    expect(busy).toMatchObject({ holds: "cannot judge", text: expect.stringMatching(/The machine was busy/) });
    const oneCore = machineWith(1);
    expect(checked(judgeC6({ s: { ...sweep("negligible", { machine: oneCore }), machine: oneCore } }, { workers: "s" })).text).toMatch(/With one core, threads cannot run at once/);
    expect(judgeC6({ s: sweep("faster", { answers: [1, 2, 3, 4, 5, 6, 7, 8] }) }, { workers: "s" })).toMatchObject({ holds: "cannot judge", text: expect.stringMatching(/returned different answers/) });
    expect(checked(judgeC6({ s: sweep("no difference shown") }, { workers: "s" })).holds).toBe("cannot judge");
    expect(judgeC6({}, { workers: "s" }).text).toMatch(/\$results\.s is missing/);
    expect(judgeC6({ s: claimSweep("tasks", [1], () => claimExperiment()) }, { workers: "s" }).text).toMatch(/must be a sweep of --workers/);
  });
});

describe("judgeC8", () => {
  interface Point {
    wall: number[];
    /** The main loop's p99, for every run or run by run. */
    p99?: number | number[];
    switches?: number;
  }
  /** %%threads --tasks 64 at 1×, 2×, 8×, 16× the 4 cores, each point's figures given. */
  const sweep = (points: Record<number, Point>, options: { tasks?: number; otherCores?: number; compare?: boolean } = {}) =>
    claimSweep("workers", Object.keys(points).map(Number), (w) => {
      const p = points[w];
      const threads = claimExperiment({
        model: "threads",
        workers: w,
        tasks: options.tasks ?? 64,
        runs: p.wall.map((wallMs, k) => ({ wallMs, loopP99Ms: Array.isArray(p.p99) ? p.p99[k] : (p.p99 ?? 2), involuntary: (p.switches ?? 1) * (options.tasks ?? 64), otherCores: options.otherCores })),
        startup: { what: `${w} worker threads`, lanes: w, wallMs: 10 * w, rssAboveBaselineBytes: w * 10 * 1024 ** 2 },
      });
      return options.compare ? claimComparison([claimExperiment({ model: "sync", tasks: options.tasks ?? 64 }), threads], { threads: "faster" }) : threads;
    });
  const quiet = { 4: { wall: [400, 410, 420] }, 8: { wall: [405, 415, 420] } };

  it("on CPython, reaches each outcome and says the threads wait for the GIL, and what a free-threaded build would change", () => {
    const cases: [ReturnType<typeof sweep>, unknown][] = [
      [sweep({ ...quiet, 32: { wall: [470, 480, 490], switches: 4 }, 64: { wall: [500, 510, 520], switches: 6, p99: 9 } }), true],
      [sweep({ ...quiet, 64: { wall: [402, 412, 418], switches: 5 } }, { compare: true }), "partly"],
      [sweep({ ...quiet, 64: { wall: [401, 409, 421], switches: 1.2 } }), false],
      [sweep({ 4: { wall: [400, 500, 600] }, 64: { wall: [450, 550, 700], switches: 1.5 } }), "cannot judge"],
    ];
    for (const [many, holds] of cases) {
      const v = checked(judgeC8({ pyMany: onCPython(many) }, { sweep: "pyMany" }));
      expect(v.holds).toBe(holds);
      expect(v.text).toMatch(/On CPython with the GIL, the threads take turns on one lock.*a free-threaded build would congest the cores as Node's workers do/);
      expect(v.text).not.toMatch(/\*Not measured by this verdict:\* in CPython/);
    }
  });

  it("holds when the wall time degrades and the congestion shows in the switches or the main loop", () => {
    const v = checked(judgeC8({ many: sweep({ ...quiet, 32: { wall: [470, 480, 490], switches: 4 }, 64: { wall: [500, 510, 520], switches: 6, p99: 9 } }) }, { sweep: "many" }));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/From 4 workers \(1\.00× the cores\) to 64 \(16\.0×\), the wall time degraded: 1\.24×, every run slower/);
    expect(v.text).toMatch(/involuntary switches per task grew 6\.00×, and the main thread's event loop was late 4\.50× as much at p99/);
    expect(v.figures?.some((f) => f.what === "64 workers: involuntary context switches per task" && f.value.startsWith("6.0"))).toBe(true);
    expect(v.figures?.filter((f) => f.strong).map((f) => f.what)).toEqual(["4 workers: wall time", "64 workers: wall time"]);
  });

  it("holds in part when the threads congest but the wall time does not degrade, reading a sweep of comparisons", () => {
    const v = checked(judgeC8({ cpu: sweep({ ...quiet, 64: { wall: [402, 412, 418], switches: 5 } }, { compare: true }) }, { sweep: "cpu" }));
    expect(v.holds).toBe("partly");
    expect(v.text).toMatch(/the wall time did not degrade: 1\.00×, under the 1\.1× that counts/);
  });

  it("does not hold when neither the wall time nor the congestion figures grew", () => {
    expect(checked(judgeC8({ many: sweep({ ...quiet, 64: { wall: [401, 409, 421], switches: 1.2 } }) }, { sweep: "many" })).holds).toBe(false);
  });

  it("does not read a few switches more as congestion, however many times the few before", () => {
    const few = { 4: { wall: [400, 401, 402], switches: 0.1 }, 8: { wall: [405, 406, 407], switches: 0.2 } };
    const v = checked(judgeC8({ many: sweep({ ...few, 64: { wall: [410, 411, 412], switches: 0.3 } }) }, { sweep: "many" }));
    expect(v.holds).toBe(false);
    expect(v.text).toMatch(/Neither the switches per task \(3\.00×, but 0\.2 more a task, under the 1 that counts\) nor the main loop's p99 \(1\.00×\) grew as much as counts/);
    expect(checked(judgeC8({ many: sweep({ ...few, 64: { wall: [410, 411, 412], switches: 1.1 } }) }, { sweep: "many" })).holds).toBe("partly");
  });

  it("says of each congestion figure why it shows none: one under the 2× that counts, the other grown but overlapping", () => {
    const v = checked(judgeC8({ many: sweep({ 4: { wall: [400, 410, 420], p99: [10, 12, 15] }, 64: { wall: [401, 409, 421], p99: [14, 27, 46], switches: 1.96 } }) }, { sweep: "many" }));
    expect(v.text).toMatch(/The switches per task did not grow as much as counts \(1\.96×\); the main loop's p99 grew 2\.25×, but its runs overlap: no congestion is shown\./);
  });

  it("cannot judge a busy machine, a sweep that never outnumbers the cores, overlapping runs, or a missing result", () => {
    const busy = checked(judgeC8({ many: sweep({ ...quiet, 64: { wall: [600, 610, 620] } }, { otherCores: 2 }) }, { sweep: "many" }));
    expect(busy).toMatchObject({ holds: "cannot judge", text: expect.stringMatching(/the machine was busy \(busy: other processes used 2\.00 ± 0\.03 of its 4 cores over 9 runs/) });
    expect(judgeC8({ many: sweep({ 4: { wall: [400] }, 64: { wall: [600] } }, { tasks: 4 }) }, { sweep: "many" }).text).toMatch(/no point had more threads with work than the 4 cores \(4 tasks\)/);
    expect(checked(judgeC8({ many: sweep({ 4: { wall: [400, 500, 600] }, 64: { wall: [450, 550, 700], switches: 1.5 } }) }, { sweep: "many" })).holds).toBe("cannot judge");
    expect(judgeC8({ many: sweep({ 4: { wall: [400] } }) }, { sweep: "many" }).text).toMatch(/at least two points/);
    expect(judgeC8({ many: sweep({ 16: { wall: [400] }, 64: { wall: [600] } }) }, { sweep: "many" }).text).toMatch(/no point had as few threads as the 4 cores/);
    expect(judgeC8({}, { sweep: "many" }).text).toMatch(/\$results\.many is missing/);
  });
});
