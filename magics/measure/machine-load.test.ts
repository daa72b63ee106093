import type { RunMeasurement } from "../result/experiment-result";
import { BUSY_SHARE, busyMachine, machineLoad } from "./machine-load";

const runWith = (otherProcessesCores: number, cores = 2) => ({ load: { cores, otherProcessesCores, kernelCores: 1, loadAverage1m: 1 } }) as RunMeasurement;

describe("machineLoad", () => {
  it("is what the machine used less what the kernel used, in cores over the run", () => {
    // 100 ticks a second: 150 busy ticks in 1 s is 1.5 cores; the kernel used 500 ms of CPU, 0.5 cores.
    const load = machineLoad(1000, 500, { busy: 1000, total: 5000 }, { busy: 1150, total: 5200 });
    expect(load.kernelCores).toBeCloseTo(0.5);
    expect(load.otherProcessesCores).toBeCloseTo(1.0);
  });

  it("never says other processes used less than nothing", () => {
    expect(machineLoad(1000, 900, { busy: 0, total: 0 }, { busy: 50, total: 200 }).otherProcessesCores).toBe(0);
  });
});

describe("busyMachine", () => {
  it("is quiet below the share of cores, busy at it or above, judged on the median run", () => {
    expect(busyMachine([runWith(0.1), runWith(0.2), runWith(1.9)])).toBeUndefined();
    expect(busyMachine([runWith(BUSY_SHARE * 2), runWith(1.4), runWith(0)])).toEqual({ otherProcessesCores: BUSY_SHARE * 2, cores: 2, runs: 3 });
  });

  it("has nothing to judge without runs", () => {
    expect(busyMachine([])).toBeUndefined();
  });
});
