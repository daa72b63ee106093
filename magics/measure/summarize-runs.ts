import { spread } from "../statistics/statistics";
import type { ExperimentSummary, RunMeasurement } from "../result/experiment-result";

/** The median and range of every measure over the runs. */
export function summarizeRuns(runs: readonly RunMeasurement[]): ExperimentSummary {
  const over = (measure: (run: RunMeasurement) => number) => spread(runs.map(measure));
  const last = runs[runs.length - 1];
  return {
    wallMs: over((r) => r.wallMs),
    cpuMs: over((r) => r.cpuUserMs + r.cpuSystemMs + (r.childCpuUserMs ?? 0) + (r.childCpuSystemMs ?? 0)),
    bodyCpuMs: over((r) => r.bodyCpuUserMs + r.bodyCpuSystemMs),
    peakRssAboveBaselineBytes: over((r) => r.peakRssAboveBaselineBytes),
    heapUsedMainBytes: over((r) => r.heapUsedMainBytes),
    loopDelayP99Ms: over((r) => r.loopDelayMs.p99),
    loopDelayMaxMs: over((r) => r.loopDelayMs.max),
    loopUtilization: over((r) => r.loopUtilization),
    voluntaryContextSwitches: over((r) => r.contextSwitches.voluntary),
    involuntaryContextSwitches: over((r) => r.contextSwitches.involuntary),
    ...(runs.every((r) => r.threads) ? { peakThreads: over((r) => r.threads!.peak) } : {}),
    tasksOk: last?.ok ?? 0,
    tasksFailed: last?.failed ?? 0,
  };
}
