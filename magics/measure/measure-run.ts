import { performance } from "node:perf_hooks";
import type { LaneMeasurement, RunMeasurement, TaskFailure, TaskSpans } from "../result/experiment-result";
import type { BodyThread, Runner } from "../runners/runner";
import { RunSignal } from "./run-signal";
import { TaskState, TaskTable, epochNow } from "../tasks/task-table";
import type { ThrownError } from "../tasks/thrown-error";
import { collectGarbage, releasedToSystem } from "../../common/collect-garbage";
import type { LoopDelayProbe } from "./loop-delay";
import { memorySamples } from "./memory-samples";
import { type ThreadCpu, machineCpuTicks, readProcessStatus, readThreadCpu, threadCpuBetween } from "../../common/process-status";
import { machineLoad } from "./machine-load";
import type { ResourceMonitor } from "./resource-monitor";

export interface RunProbes {
  monitor: ResourceMonitor;
  loopDelay: LoopDelayProbe;
  /** The OS ids of conclab's own threads now (I/O, monitor, loopback server): their CPU is the harness's. */
  harnessThreadIds(): number[];
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
 * One run of every task, with everything measured around it. Garbage collected first (see
 * collectGarbage), so the last run's garbage is not on this one's bill. The timeout counts from the tasks' start.
 */
export async function measureRun(runner: Runner, table: TaskTable, runId: number, probes: RunProbes, failures: RunFailures, limits: RunLimits): Promise<RunMeasurement & { timedOut: boolean }> {
  await runner.ready?.(limits.interrupt);
  if (collectGarbage() === "full") await releasedToSystem();
  const childPids = runner.processIds?.() ?? [];
  const before = probes.monitor.beginWindow(childPids);
  const bodyThreads = runner.bodyThreads?.() ?? [];
  // The main thread is the harness's when the body runs elsewhere: it hands out the tasks.
  const harnessThreads = [...probes.harnessThreadIds(), ...(bodyThreads.some((t) => t.osThreadId === process.pid) ? [] : [process.pid])];
  const harnessBefore = harnessThreads.map((tid) => readThreadCpu(tid));
  const machineBefore = machineCpuTicks();
  const usageBefore = process.resourceUsage();
  const loopBefore = performance.eventLoopUtilization();
  probes.loopDelay.beginWindow();
  // Read last before the clock starts and first after it stops, so that a body on the main thread
  // is not charged the harness's reads around it.
  const bodyThreadCpu = (t: BodyThread) => readThreadCpu(t.osThreadId);
  const threadsBefore = bodyThreads.map(bodyThreadCpu);
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
  const threadsAfter = bodyThreads.map(bodyThreadCpu);
  const usage = process.resourceUsage();
  const harnessCpuMs = sum(harnessThreads.map((_, k) => cpuBetween(harnessBefore[k], readThreadCpu(harnessThreads[k]))));
  const machineAfter = machineCpuTicks();
  const loopUtilization = performance.eventLoopUtilization(loopBefore).utilization;
  const heapUsedMainBytes = process.memoryUsage().heapUsed;
  const peaks = probes.monitor.endWindow();
  const kernelLoopDelayMs = await probes.loopDelay.endWindow();
  const loopDelayMs = (await runner.mainLoopDelayMs?.()) ?? kernelLoopDelayMs;
  const after = readProcessStatus();
  const lanes = withThreadCpu(runner.lanes(), bodyThreads, threadsBefore, threadsAfter).map((lane) => {
    const peakRssBytes = peaks.childPeakRssBytes.get(lane.lane);
    return peakRssBytes === undefined ? lane : { ...lane, peakRssBytes };
  });
  const cpuUserMs = (usage.userCPUTime - usageBefore.userCPUTime) / 1000;
  const cpuSystemMs = (usage.systemCPUTime - usageBefore.systemCPUTime) / 1000;
  const bodyCpuUserMs = sum(lanes.map((l) => l.cpuUserMs ?? 0));
  const bodyCpuSystemMs = sum(lanes.map((l) => l.cpuSystemMs ?? 0));
  // Child processes are not this process: all of this process's CPU is the harness's then.
  const inProcessBodyCpuMs = childPids.length > 0 ? 0 : bodyCpuUserMs + bodyCpuSystemMs;
  const processCpu = runner.processCpuMs?.();
  const childCpu =
    childPids.length === 0
      ? {}
      : processCpu
        ? { childCpuUserMs: processCpu.userMs, childCpuSystemMs: processCpu.systemMs }
        : { childCpuUserMs: sum(lanes.map((l) => l.processCpuUserMs ?? 0)), childCpuSystemMs: sum(lanes.map((l) => l.processCpuSystemMs ?? 0)) };
  const { tasks, failed } = taskSpans(table, failures, wallMs);
  return {
    timedOut: stop.timedOut && !limits.interrupt.aborted,
    wallMs,
    cpuUserMs,
    cpuSystemMs,
    ...childCpu,
    bodyCpuUserMs,
    bodyCpuSystemMs,
    harnessCpuMs,
    ...(runner.startupCpuMs ? { startupCpuMs: runner.startupCpuMs() } : {}),
    helperThreadsCpuMs: Math.max(0, cpuUserMs + cpuSystemMs - inProcessBodyCpuMs - harnessCpuMs - (runner.startupCpuMs?.() ?? 0)),
    load: machineLoad(wallMs, cpuUserMs + cpuSystemMs + sum(Object.values(childCpu)), machineBefore, machineAfter),
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

/** A thread's CPU between two readings, in ms (0 when either is missing: the thread ended). */
function cpuBetween(before: ThreadCpu | undefined, after: ThreadCpu | undefined): number {
  if (!before || !after) return 0;
  const { userMs, systemMs } = threadCpuBetween(before, after);
  return userMs + systemMs;
}

/** The lanes with the CPU their threads used over the run added (threads of this process read before and after it). */
function withThreadCpu(lanes: LaneMeasurement[], threads: readonly BodyThread[], before: (ThreadCpu | undefined)[], after: (ThreadCpu | undefined)[]): LaneMeasurement[] {
  const byLane = new Map(lanes.map((l) => [l.lane, l]));
  threads.forEach((thread, k) => {
    const [from, to] = [before[k], after[k]];
    if (!from || !to) return;
    const { userMs, systemMs } = threadCpuBetween(from, to);
    byLane.set(thread.lane, { ...(byLane.get(thread.lane) ?? { lane: thread.lane, heapUsedBytes: 0 }), cpuUserMs: userMs, cpuSystemMs: systemMs });
  });
  return [...byLane.values()];
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
