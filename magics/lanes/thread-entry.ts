/**
 * The one file that runs inside worker threads. workerData.role says which job: a persistent
 * pool lane (piscina calls the default export once per batch), one spawned task (--spawn), the
 * resource monitor, or the loopback HTTP server.
 */
import { performance } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { parentPort, threadId, workerData } from "node:worker_threads";
import { prepareLane } from "./prepare-lane";
import { RunSignals, listenForAborts } from "./abort-broadcast";
import type { PoolRequest, PoolResponse, ThreadWorkerData, WorkerNotice } from "./lane-messages";
import { TaskTable, epochNow } from "../tasks/task-table";
import type { TaskExecutor } from "../tasks/task-executor";
import { sendTaskOutcome } from "./lane-messages";
import { osThreadId, readThreadCpu, threadCpuBetween } from "../../common/process-status";
import { collectGarbage } from "../../common/collect-garbage";

const data = workerData as ThreadWorkerData;
const notify = (notice: WorkerNotice) => parentPort!.postMessage(notice);

interface PoolLane {
  executor: TaskExecutor;
  table: TaskTable;
  signals: RunSignals;
}

let pool: PoolLane | undefined;

switch (data.role) {
  case "task-pool":
    pool = { executor: prepareLane(data.lane), table: new TaskTable(data.table), signals: new RunSignals() };
    listenForAborts(data.lane.abortChannel, pool.signals);
    notify({ kind: "lane-ready", threadId, osThreadId: osThreadId() });
    break;
  case "spawned-task":
    void runSpawnedTask(data);
    break;
  case "spawn-probe":
    prepareLane(data.lane);
    notify({ kind: "spawn-probe-ready", bodyStartEpochMs: epochNow() });
    break;
  // Loaded in their own role only: task lanes, whose start a user waits for (one per task with
  // --spawn), load neither the monitor nor node:http.
  case "resource-monitor":
    void import("./monitor-thread").then(({ runResourceMonitor }) => runResourceMonitor(data.control, data.intervalMs, () => notify({ kind: "monitor-started", osThreadId: osThreadId() })));
    break;
  case "loopback-server":
    void import("./loopback-server").then(({ serveLoopback }) => serveLoopback(data.latencyMs, data.bytes, (port) => notify({ kind: "server-listening", port, osThreadId: osThreadId() })));
    break;
}

/** V8's heap statistics cost microseconds: a busy lane reports its heap at most this often. */
const HEAP_REPORT_MS = 50;
let heapReportedAt = -Infinity;

/** piscina's handler in a pool lane: runs tasks from..to-1; their spans go straight into the shared table. */
export default async function runBatch(request: PoolRequest): Promise<PoolResponse> {
  if (!pool) throw new Error(`thread-entry got a batch in the role ${data.role}; batches go to task-pool workers`);
  if (request === "collect-garbage") {
    collectGarbage();
    return [];
  }
  const { executor, table, signals } = pool;
  const [from, to] = typeof request === "number" ? [request, request + 1] : request;
  table.adoptRun();
  if (table.errors.size > 0) table.errors = new Map();
  await executor.runRange(table, from, to, signals.signalFor(table.runId));
  const values = table.values.slice(from, to);
  for (let i = from; i < to; i++) table.values[i] = undefined;
  const now = performance.now();
  const heapDue = now - heapReportedAt >= HEAP_REPORT_MS;
  if (!heapDue && table.errors.size === 0) return values;
  if (heapDue) heapReportedAt = now;
  return {
    values,
    ...(table.errors.size > 0 ? { errors: [...table.errors] } : {}),
    ...(heapDue ? { heap: { threadId, usedBytes: getHeapStatistics().used_heap_size } } : {}),
  };
}

async function runSpawnedTask(task: Extract<ThreadWorkerData, { role: "spawned-task" }>): Promise<void> {
  const executor = prepareLane(task.lane);
  const table = new TaskTable(task.table);
  table.adoptRun();
  const signals = new RunSignals();
  const channel = listenForAborts(task.lane.abortChannel, signals);
  const bodyStartEpochMs = epochNow();
  const cpuBefore = readThreadCpu();
  await executor.runTask(table, task.index, signals.signalFor(table.runId));
  const cpuAfter = readThreadCpu();
  channel.close();
  const cpu = cpuBefore && cpuAfter ? threadCpuBetween(cpuBefore, cpuAfter) : undefined;
  const done = { kind: "spawned-task-done", bodyStartEpochMs, heapUsedBytes: getHeapStatistics().used_heap_size, cpuUserMs: cpu?.userMs, cpuSystemMs: cpu?.systemMs, startupCpuMs: cpuBefore?.totalMs } as const;
  sendTaskOutcome(table, task.index, done, notify);
}
