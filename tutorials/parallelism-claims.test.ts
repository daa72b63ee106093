import { CPYTHON_311, claimComparison, claimExperiment, claimSweep, machineWith, onCPython } from "../test/support/claim-fixtures";
import type { MachineInfo } from "../magics/result/experiment-result";
import { judge } from "./verdicts";
import { judgeC11, judgeC5 } from "./parallelism-claims";

const checked = <T extends Parameters<typeof judge>[0]>(v: T): T => (judge(v), v);

describe("judgeC5", () => {
  /** 4 CPU-bound tasks: `single` on the main thread using `singleCores`, 2 workers using `threadCores` cores' worth. */
  const cpu = (threadCores: number, options: { single?: "async" | "sync"; singleCores?: number; otherCores?: number; machine?: MachineInfo } = {}) =>
    claimComparison([
      claimExperiment({ model: options.single ?? "async", tasks: 4, walls: Array(5).fill(800), run: { bodyCpuMs: 800 * (options.singleCores ?? 0.98), otherCores: options.otherCores, inFlight: 1 }, machine: options.machine }),
      claimExperiment({ model: "threads", workers: 2, tasks: 4, walls: Array(5).fill(420), run: { bodyCpuMs: 420 * threadCores, otherCores: options.otherCores }, machine: options.machine }),
    ]);
  /** 4 tasks waiting 100 ms: async with `inFlight` at once, and a pool of 2. */
  const io = (inFlight = 4, machine?: MachineInfo) =>
    claimComparison([claimExperiment({ model: "async", tasks: 4, walls: Array(5).fill(101), run: { bodyCpuMs: 1, inFlight }, machine }), claimExperiment({ model: "threads", workers: 2, tasks: 4, walls: Array(5).fill(202), run: { bodyCpuMs: 2 }, machine })]);

  it("holds when the threads kept cores busy in parallel, async one core, and async overlapped its waits on one thread", () => {
    const v = checked(judgeC5({ cpu: cpu(1.9), io: io() }, { cpu: "cpu", io: "io" }));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/2 worker threads kept \*\*1\.90\*\* cores busy/);
    expect(v.text).toMatch(/async had \*\*4\*\* of 4 tasks in flight at once on 1 thread/);
    expect(v.text).toMatch(/with 1 of its 4 tasks in flight at once/);
    expect(v.text).toMatch(/the pool of 2 had 2 in flight on 2 threads/);
  });

  it("holds in part when the threads did not run in parallel on a quiet machine with cores", () => {
    expect(checked(judgeC5({ cpu: cpu(1.1), io: io() }, { cpu: "cpu", io: "io" })).holds).toBe("partly");
  });

  it("does not hold when nothing ran in parallel, the main thread used several cores, and async had one task in flight", () => {
    expect(checked(judgeC5({ cpu: cpu(1.0, { singleCores: 1.8 }), io: io(1) }, { cpu: "cpu", io: "io" })).holds).toBe(false);
  });

  it("reads the point of a sweep with as many workers as cores, sync as the main-thread model", () => {
    const sweep = claimSweep("workers", [2, 16], (w) =>
      claimComparison([claimExperiment({ model: "sync", tasks: 16, walls: [800] }), claimExperiment({ model: "threads", workers: w, tasks: 16, walls: [420], run: { bodyCpuMs: 420 * (w === 2 ? 1.9 : 1.2) } })]),
    );
    const v = checked(judgeC5({ cpu: sweep, io: io() }, { cpu: "cpu", io: "io" }));
    expect(v.holds).toBe(true);
    expect(v.figures?.find((f) => f.what.startsWith("threads, CPU-bound: cores busy"))).toMatchObject({ result: "cpu (workers=2)", value: "1.90" });
  });

  it("cannot judge when the threads' parallelism is not shown (a busy machine, one core) and the rest does not hold, or a result is missing", () => {
    const busy = checked(judgeC5({ cpu: cpu(1.0, { singleCores: 1.8, otherCores: 3 }), io: io(1) }, { cpu: "cpu", io: "io" }));
    expect(busy).toMatchObject({ holds: "cannot judge", text: expect.stringMatching(/The machine was busy/) });
    const one = machineWith(1);
    expect(checked(judgeC5({ cpu: cpu(1.0, { singleCores: 1.8, machine: one }), io: io(1, one) }, { cpu: "cpu", io: "io" })).text).toMatch(/With one core/);
    expect(judgeC5({ io: io() }, { cpu: "cpu", io: "io" }).text).toMatch(/\$results\.cpu is missing/);
    expect(judgeC5({ cpu: cpu(2), io: claimComparison([claimExperiment({ model: "sync" })]) }, { cpu: "cpu", io: "io" }).text).toMatch(/must include async/);
  });
});

describe("judgeC11", () => {
  /** The long work on the main thread (sync) and in a worker, with the main loop's worst delay in each. */
  const gui = (onMainMs: number, inWorkerMs: number, otherCores?: number) =>
    claimComparison([
      claimExperiment({ model: "sync", tasks: 1, walls: [301, 302, 303], run: { loopMaxMs: onMainMs, otherCores } }),
      claimExperiment({ model: "threads", workers: 1, tasks: 1, walls: [305, 306, 307], run: { loopMaxMs: inWorkerMs, otherCores } }),
    ]);

  it("holds when the worker leaves the main loop responsive and the main-thread work freezes it", () => {
    const v = checked(judgeC11({ gui: gui(300, 4) }, { gui: "gui" }));
    expect(v.holds).toBe(true);
    expect(v.text).toMatch(/late by up to \*\*300 ms\*\*.*late by up to \*\*4 ms\*\*, 75\.0× less/);
    expect(v.text).toMatch(/at most 3 frames at 60 fps \(50 ms/);
  });

  it("does not hold when the worker leaves the main loop late on a quiet machine", () => {
    expect(checked(judgeC11({ gui: gui(300, 120) }, { gui: "gui" })).holds).toBe(false);
  });

  it("cannot judge a late loop on a busy machine, an experiment without contrast, or a missing result", () => {
    expect(checked(judgeC11({ gui: gui(300, 120, 3) }, { gui: "gui" })).text).toMatch(/The machine was busy/);
    expect(checked(judgeC11({ gui: gui(10, 4) }, { gui: "gui" })).text).toMatch(/shows no contrast to judge by/);
    expect(judgeC11({ gui: gui(10, 4) }, { gui: "gui" }).holds).toBe("cannot judge");
    expect(judgeC11({}, { gui: "gui" }).text).toMatch(/\$results\.gui is missing/);
    expect(judgeC11({ gui: claimComparison([claimExperiment({ model: "async" }), claimExperiment({ model: "threads", workers: 1 })]) }, { gui: "gui" }).text).toMatch(/must compare sync/);
  });

  it("reads CPython's harness loop and threads in the same way, to each outcome, and says what the GIL does there", () => {
    const held = checked(judgeC11({ gui: onCPython(gui(300, 12)) }, { gui: "gui" }));
    expect(held.holds).toBe(true);
    expect(held.text).toMatch(/asyncio loop of the harness's main thread.*late by up to \*\*300 ms\*\*.*in a thread: the main loop was late by up to \*\*12 ms\*\*/s);
    expect(held.text).toMatch(/hands to the waiting main thread every 5 ms/);
    expect(held.text).not.toMatch(/worker thread/);
    expect(checked(judgeC11({ gui: onCPython(gui(300, 120)) }, { gui: "gui" })).holds).toBe(false);
    expect(judgeC11({ gui: onCPython(gui(10, 4)) }, { gui: "gui" }).holds).toBe("cannot judge");
    const free = checked(judgeC11({ gui: onCPython(gui(300, 12), { ...CPYTHON_311, build: "free-threaded", gilEnabled: false }) }, { gui: "gui" }));
    expect(free.text).toMatch(/GIL off, the thread and the main loop run Python at the same time/);
  });
});
