/**
 * The child process of %%processes: gets the body once (setup), then ranges of tasks; reports
 * each task as it settles, so a task that ends the process loses nothing of the others.
 */
import { getHeapStatistics } from "node:v8";
import { Worker } from "node:worker_threads";
import { prepareLane } from "./prepare-lane";
import type { FromChildProcess, LaneSetup, ToChildProcess } from "./lane-messages";
import type { TaskExecutor } from "../tasks/task-executor";
import { RunSignals } from "./abort-broadcast";
import { sendTaskOutcome } from "./lane-messages";
import { TaskTable } from "../tasks/task-table";
import { collectGarbage } from "../../common/collect-garbage";
import { readThreadCpu, threadCpuBetween } from "../../common/process-status";

const send = (message: FromChildProcess) => process.send!(message);
let executor: TaskExecutor | undefined;
let table: TaskTable | undefined;
const signals = new RunSignals();

function setUp(lane: LaneSetup): void {
  executor = prepareLane(lane, process.pid);
  table = TaskTable.create(lane.count, false);
  send({ kind: "ready", pid: process.pid, ...processCpu() });
}

async function runBatch(runId: number, epochMs: number, from: number, to: number): Promise<void> {
  const [lanes, tasks] = [executor!, table!];
  if (tasks.runId !== runId || tasks.epochMs !== epochMs) tasks.reset(runId, epochMs);
  const before = readThreadCpu();
  await lanes.runRange(tasks, from, to, signals.signalFor(runId), (index) => {
    sendTaskOutcome(tasks, index, { kind: "task-done", index, start: tasks.start(index), end: tasks.end(index) } as const, send);
  });
  const after = readThreadCpu();
  const body = before && after ? threadCpuBetween(before, after) : { userMs: 0, systemMs: 0 };
  send({ kind: "batch-done", heapUsedBytes: getHeapStatistics().used_heap_size, rssBytes: process.memoryUsage.rss(), bodyCpuUserMs: body.userMs, bodyCpuSystemMs: body.systemMs, ...processCpu() });
}

function processCpu(): { cpuUserMicros: number; cpuSystemMicros: number } {
  const cpu = process.cpuUsage();
  return { cpuUserMicros: cpu.user, cpuSystemMicros: cpu.system };
}

process.on("message", (message: ToChildProcess) => {
  switch (message.kind) {
    case "setup":
      return setUp(message.lane);
    case "batch":
      return void runBatch(message.runId, message.epochMs, message.from, message.to);
    case "abort":
      return signals.abort(message.runId);
    case "collect-garbage":
      collectGarbage();
      return send({ kind: "garbage-collected", ...processCpu() });
  }
});
process.on("disconnect", () => process.exit(0));

/**
 * A body stuck in a loop blocks this process's event loop, so "disconnect" never comes when the
 * kernel dies. A watchdog thread ends the process once its parent is gone (Linux has no
 * parent-death signal reachable from Node).
 */
const PARENT_CHECK_MS = 250;
new Worker(
  `const { workerData } = require("node:worker_threads");
   setInterval(() => { if (process.ppid !== workerData.parent) process.kill(process.pid, "SIGKILL"); }, ${PARENT_CHECK_MS});`,
  { eval: true, workerData: { parent: process.ppid } },
).unref();
