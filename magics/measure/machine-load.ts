/** How busy the machine was during runs, and when that makes a result's figures unreliable. */
import { availableParallelism } from "node:os";
import type { MachineLoad, RunMeasurement } from "../result/experiment-result";
import { TICKS_PER_SECOND, loadAverage1m, type machineCpuTicks } from "../../common/process-status";
import { formatMs } from "../../common/units";

type MachineTicks = NonNullable<ReturnType<typeof machineCpuTicks>>;

/** Other processes using this share of the kernel's cores, or more, over the runs make the figures unreliable. */
export const BUSY_SHARE = 0.25;

/** /proc/stat counts each core's time in ticks of this many ms. */
const TICK_MS = 1000 / TICKS_PER_SECOND;

/** The machine's CPU over a run (/proc/stat before and after), less this kernel's and its children's (`kernelCpuMs`). */
export function machineLoad(wallMs: number, kernelCpuMs: number, before: MachineTicks | undefined, after: MachineTicks | undefined): MachineLoad {
  const cores = availableParallelism();
  const kernelCores = wallMs > 0 ? kernelCpuMs / wallMs : 0;
  const machineCpuMs = before && after ? (after.busy - before.busy) * TICK_MS : undefined;
  const machineCores = machineCpuMs !== undefined && wallMs > 0 ? machineCpuMs / wallMs : kernelCores;
  return { cores, otherProcessesCores: Math.max(0, machineCores - kernelCores), kernelCores, loadAverage1m: loadAverage1m(), ...(machineCpuMs === undefined ? {} : { machineCpuMs }) };
}

/** The other processes' CPU over a set of runs, pooled, with how far /proc/stat's ticks leave it uncertain. */
export interface LoadOverRuns {
  runs: number;
  cores: number;
  /** The runs' wall time, in all. */
  wallMs: number;
  /** Cores' worth of CPU other processes used over all the runs together. */
  otherProcessesCores: number;
  /** How far the ticks can put that off: a tick per core at each run, the runs' errors independent. */
  uncertaintyCores: number;
  /** Undefined when the uncertainty is over half the busy share: the runs were too short to tell. */
  busy: boolean | undefined;
  /** In words, with the threshold. */
  text: string;
}

/**
 * How busy the machine was over `runs`: all the machine's CPU less the kernel's, over all their wall
 * time. One run's figure cannot be trusted alone: /proc/stat counts a core's time a tick (10 ms) at
 * a time, so over a run of 1 ms one tick reads as 10 cores. Pooled over runs, each run's error is
 * under a tick per core and the errors of different runs do not line up, so they add as a root sum
 * of squares; busy or not is judged only where that leaves the figure within half the busy share.
 */
export function loadOverRuns(runs: readonly RunMeasurement[]): LoadOverRuns {
  const cores = runs[0]?.load.cores ?? availableParallelism();
  const wallMs = runs.reduce((sum, r) => sum + r.wallMs, 0);
  // Results from before machineCpuMs was kept: their per-run figure, which was never under nothing.
  const otherMs = runs.reduce((sum, r) => sum + (r.load.machineCpuMs === undefined ? r.load.otherProcessesCores * r.wallMs : r.load.machineCpuMs - r.load.kernelCores * r.wallMs), 0);
  const otherProcessesCores = wallMs > 0 ? Math.max(0, otherMs / wallMs) : 0;
  const uncertaintyCores = wallMs > 0 ? (cores * TICK_MS * Math.sqrt(runs.length)) / wallMs : Infinity;
  const threshold = BUSY_SHARE * cores;
  const busy = uncertaintyCores > threshold / 2 ? undefined : otherProcessesCores >= threshold;
  const over = `over ${runs.length} run${runs.length === 1 ? "" : "s"} (${formatMs(wallMs)} in all)`;
  const text =
    busy === undefined
      ? `how busy the machine was cannot be told: /proc/stat counts CPU in ${TICK_MS} ms ticks, and ${runs.length === 1 ? "the run took" : `the ${runs.length} runs took`} ${formatMs(wallMs)} in all, ` +
        `too short to tell other processes' CPU within ±${(threshold / 2).toFixed(2)} of a core (it read ${otherProcessesCores.toFixed(2)} ± ${uncertaintyCores.toFixed(2)} of ${cores} cores)`
      : `${busy ? "busy" : "not busy"}: other processes used ${otherProcessesCores.toFixed(2)} ± ${uncertaintyCores.toFixed(2)} of its ${cores} cores ${over}; busy means a quarter of the cores or more`;
  return { runs: runs.length, cores, wallMs, otherProcessesCores, uncertaintyCores, busy, text };
}
