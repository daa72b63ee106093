/** How busy the machine was during a run, and when that makes a result's figures unreliable. */
import { availableParallelism } from "node:os";
import type { MachineLoad, RunMeasurement } from "../result/experiment-result";
import { TICKS_PER_SECOND, loadAverage1m, type machineCpuTicks } from "../../common/process-status";
import { median } from "../statistics/statistics";

type MachineTicks = NonNullable<ReturnType<typeof machineCpuTicks>>;

/** Other processes using this share of the kernel's cores, or more, on the median run make the figures unreliable. */
export const BUSY_SHARE = 0.25;

/** The machine's CPU over a run (/proc/stat before and after), less this kernel's and its children's (`kernelCpuMs`). */
export function machineLoad(wallMs: number, kernelCpuMs: number, before: MachineTicks | undefined, after: MachineTicks | undefined): MachineLoad {
  const cores = availableParallelism();
  const kernelCores = wallMs > 0 ? kernelCpuMs / wallMs : 0;
  const machineCores = before && after && wallMs > 0 ? (((after.busy - before.busy) / TICKS_PER_SECOND) * 1000) / wallMs : kernelCores;
  return { cores, otherProcessesCores: Math.max(0, machineCores - kernelCores), kernelCores, loadAverage1m: loadAverage1m() };
}

/** The median run's load when other processes used BUSY_SHARE of the cores or more during the runs; undefined on a quiet machine. */
export function busyMachine(runs: readonly RunMeasurement[]): { otherProcessesCores: number; cores: number; runs: number } | undefined {
  if (runs.length === 0) return undefined;
  const otherProcessesCores = median(runs.map((r) => r.load.otherProcessesCores));
  const cores = runs[0].load.cores;
  return otherProcessesCores >= BUSY_SHARE * cores ? { otherProcessesCores, cores, runs: runs.length } : undefined;
}
