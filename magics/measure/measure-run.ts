import { performance } from "node:perf_hooks";
import type { RunMeasurement, TaskFailure, TaskSpans } from "../result/experiment-result";
import type { Runner } from "../runners/runner";
import { RunSignal } from "./run-signal";
import { TaskState, TaskTable, epochNow } from "../tasks/task-table";
import type { ThrownError } from "../tasks/thrown-error";
import { collectGarbage } from "./collect-garbage";
import type { LoopDelayProbe } from "./loop-delay";
import { memorySamples } from "./memory-samples";
import { readProcessStatus } from "../../common/process-status";
import type { ResourceMonitor } from "./resource-monitor";

export interface RunProbes {
  monitor: ResourceMonitor;
  loopDelay: LoopDelayProbe;
}

export interface RunFailures {
  /** A task's error as the result shows it (stack in cell lines). */
  describe(index: number, error: ThrownError): TaskFailure;
  /** What a task that never finished is reported as (the run was stopped). */
  unfinished(): ThrownError;
}

/** When a run must stop. */
export interface RunLimits {
  /** The interrupt signal. */
  interrupt: AbortSignal;
  timeoutMs?: number;
}

/**
 * One run of every task, with everything measured around it. GC first, so the last run's garbage
 * is not on this one's bill. The timeout counts from the tasks' start.
 */
export async function measureRun(runner: Runner, table: TaskTable, runId: number, probes: RunProbes, failures: RunFailures, limits: RunLimits): Promise<RunMeasurement & { timedOut: boolean }> {
  await runner.ready?.(limits.interrupt);
  collectGarbage();
  await probes.loopDelay.beginWindow();
  const before = probes.monitor.beginWindow();
  const usageBefore = process.resourceUsage();
  const loopBefore = performance.eventLoopUtilization();
  const runStartEpochMs = epochNow();
  table.reset(runId, runStartEpochMs);
  const startedAt = process.hrtime.bigint();
  const stop = new RunSignal(limits.interrupt, limits.timeoutMs);
  try {
    await runner.run(table, runId, stop.signal, limits.timeoutMs === undefined ? undefined : epochNow() + limits.timeoutMs);
  } finally {
    stop.dispose();
  }
  const wallMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  const loopUtilization = performance.eventLoopUtilization(loopBefore).utilization;
  const usage = process.resourceUsage();
  const heapUsedMainBytes = process.memoryUsage().heapUsed;
  const peaks = probes.monitor.endWindow();
  const loopDelayMs = await probes.loopDelay.endWindow();
  const after = readProcessStatus();
  const lanes = runner.lanes();
  const childCpu = lanes.some((l) => l.cpuUserMs !== undefined)
    ? { childCpuUserMs: sum(lanes.map((l) => l.cpuUserMs ?? 0)), childCpuSystemMs: sum(lanes.map((l) => l.cpuSystemMs ?? 0)) }
    : {};
  const { tasks, failed } = taskSpans(table, failures, wallMs);
  return {
    timedOut: stop.timedOut && !limits.interrupt.aborted,
    wallMs,
    cpuUserMs: (usage.userCPUTime - usageBefore.userCPUTime) / 1000,
    cpuSystemMs: (usage.systemCPUTime - usageBefore.systemCPUTime) / 1000,
    ...childCpu,
    rssBaselineBytes: before.rssBytes,
    peakRssAboveBaselineBytes: Math.max(0, peaks.peakRssBytes - before.rssBytes),
    heapUsedMainBytes,
    lanes,
    loopDelayMs,
    loopUtilization,
    contextSwitches: {
      voluntary: usage.voluntaryContextSwitches - usageBefore.voluntaryContextSwitches,
      involuntary: usage.involuntaryContextSwitches - usageBefore.involuntaryContextSwitches,
    },
    ...(before.threads !== undefined && peaks.peakThreads !== undefined && after.threads !== undefined ? { threads: { before: before.threads, peak: peaks.peakThreads, after: after.threads } } : {}),
    tasks,
    memory: memorySamples(peaks.rss, runStartEpochMs, before.rssBytes),
    ok: table.count - failed.length,
    failed: failed.length,
    failures: failed,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Spans by task index; a task that never settled counts as failed with `failures.unfinished()`, ending when the run ended. */
function taskSpans(table: TaskTable, failures: RunFailures, runEnd: number): { tasks: TaskSpans; failed: TaskFailure[] } {
  const tasks: TaskSpans = { start: [], end: [], lane: [], ok: [] };
  const failed: TaskFailure[] = [];
  for (let i = 0; i < table.count; i++) {
    const state = table.states[i];
    const settled = state === TaskState.ok || state === TaskState.failed;
    tasks.start.push(state === TaskState.pending ? runEnd : table.start(i));
    tasks.end.push(settled ? table.end(i) : runEnd);
    tasks.lane.push(table.lanes[i]);
    tasks.ok.push(state === TaskState.ok);
    if (state === TaskState.failed) failed.push(failures.describe(i, table.errors.get(i) ?? { name: "Error", message: "the task failed without an error" }));
    else if (!settled) failed.push(failures.describe(i, failures.unfinished()));
  }
  return { tasks, failed };
}
