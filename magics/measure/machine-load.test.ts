import type { RunMeasurement } from "../result/experiment-result";
import { BUSY_SHARE, loadOverRuns, machineLoad } from "./machine-load";

/** A run of `wallMs` in which /proc/stat counted `machineCpuMs` of the 2 cores' CPU and the kernel used `kernelCpuMs`. */
const run = (wallMs: number, machineCpuMs: number | undefined, kernelCpuMs = 0, otherProcessesCores = 0) =>
  ({ wallMs, load: { cores: 2, otherProcessesCores, kernelCores: kernelCpuMs / wallMs, loadAverage1m: 1, ...(machineCpuMs === undefined ? {} : { machineCpuMs }) } }) as RunMeasurement;

describe("machineLoad", () => {
  it("is what the machine used less what the kernel used, in cores over the run, and keeps the machine's CPU", () => {
    // 100 ticks a second: 150 busy ticks in 1 s is 1.5 cores; the kernel used 500 ms of CPU, 0.5 cores.
    const load = machineLoad(1000, 500, { busy: 1000, total: 5000 }, { busy: 1150, total: 5200 });
    expect(load.kernelCores).toBeCloseTo(0.5);
    expect(load.otherProcessesCores).toBeCloseTo(1.0);
    expect(load.machineCpuMs).toBe(1500);
  });

  it("never says other processes used less than nothing", () => {
    expect(machineLoad(1000, 900, { busy: 0, total: 0 }, { busy: 50, total: 200 }).otherProcessesCores).toBe(0);
  });
});

describe("loadOverRuns", () => {
  it(`pools the runs: busy at ${BUSY_SHARE * 100}% of the cores or more over all their wall time, quiet below`, () => {
    // 10 runs of 100 ms: the machine counted 150 ms a run, the kernel used 100 ms: 0.5 cores of others, the threshold on 2 cores.
    const busy = loadOverRuns(Array.from({ length: 10 }, () => run(100, 150, 100)));
    expect(busy).toMatchObject({ runs: 10, cores: 2, wallMs: 1000, otherProcessesCores: expect.closeTo(0.5, 9), busy: true });
    // A tick (10 ms) per core per run, the runs' errors independent: 2 × 10 × √10 / 1000.
    expect(busy.uncertaintyCores).toBeCloseTo((2 * 10 * Math.sqrt(10)) / 1000, 9);
    expect(busy.text).toBe("busy: other processes used 0.50 ± 0.06 of its 2 cores over 10 runs (1 s in all); busy means a quarter of the cores or more");
    expect(loadOverRuns(Array.from({ length: 10 }, () => run(100, 120, 100))).busy).toBe(false);
  });

  it("does not let one short run's tick stand for the machine: pooled, it weighs what its wall time weighs", () => {
    // Alone, a tick in a 1 ms run reads 10 of the 2 cores; beside 999 ms of quiet runs it is 10 ms in a second.
    expect(loadOverRuns([run(1, 10)]).busy).toBeUndefined();
    expect(loadOverRuns([run(999, 0), run(1, 10)])).toMatchObject({ otherProcessesCores: expect.closeTo(0.01, 9), busy: false });
  });

  it("cannot tell when the runs are too short for the ticks to tell a quarter of the cores", () => {
    const short = loadOverRuns([run(1.3, 10), run(1.3, 0), run(1.3, 0)]);
    expect(short.busy).toBeUndefined();
    expect(short.text).toMatch(/^how busy the machine was cannot be told: \/proc\/stat counts CPU in 10 ms ticks, and the 3 runs took 3\.9 ms in all, too short to tell other processes' CPU within ±0\.25 of a core/);
    // 10 runs of 20 ms: 2 × 10 × √10 / 200 ≈ 0.32 cores, over half the 0.5-core threshold.
    expect(loadOverRuns(Array.from({ length: 10 }, () => run(20, 40))).busy).toBeUndefined();
  });

  it("never says other processes used less than nothing", () => {
    expect(loadOverRuns([run(1000, 400, 500)]).otherProcessesCores).toBe(0);
  });

  it("reads results from before the machine's CPU was kept by their per-run figure", () => {
    expect(loadOverRuns([run(500, undefined, 0, 1), run(500, undefined, 0, 0)])).toMatchObject({ otherProcessesCores: expect.closeTo(0.5, 9), busy: true });
  });
});
