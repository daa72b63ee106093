/**
 * The magics' own cost, each as a ratio against a hand-written baseline run in the same process:
 * the async runner against bare Promise.all, the thread pool against piscina used directly,
 * worker start-up and memory against minimal workers, and memory per pending async task.
 */
import { execFileSync } from "node:child_process";
import { setMaxListeners } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Piscina from "piscina";
import { collectGarbage } from "../common/collect-garbage";
import { median } from "../magics/statistics/statistics";
import { AsyncRunner } from "../magics/runners/async-runner";
import type { Schedule } from "../magics/runners/plan-batches";
import type { Runner } from "../magics/runners/runner";
import type { LaneSetup } from "../magics/lanes/lane-messages";
import { compiledFile } from "../common/package-paths";
import { TaskExecutor } from "../magics/tasks/task-executor";
import { TaskTable } from "../magics/tasks/task-table";
import { ThreadPoolRunner } from "../magics/runners/thread-pool-runner";
import type { TaskContext } from "../magics/tasks/task-context";
import type { BenchRow } from "./bench-row";

const TRIVIAL_TASKS = 10_000;
const REPS = 9;
const CPU_TASKS = 16;
const CPU_MS = 25;
const WORKERS = 2;

function row(name: string, value: number, baseline: number, unit: string, target?: string): BenchRow {
  return { name, value, baseline, ratio: value / baseline, unit, ...(target ? { target } : {}) };
}

const WARMUP = 5;

/** Median ms of each piece of work, timed in turns so that drift in the machine hits all of them alike. */
async function medianMsOfEach(reps: number, works: (() => Promise<unknown>)[]): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) for (const work of works) await work();
  const times = works.map(() => [] as number[]);
  for (let i = 0; i < reps; i++) {
    for (const [k, work] of works.entries()) {
      const t0 = process.hrtime.bigint();
      await work();
      times[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return times.map(median);
}

/** A signal that never aborts and that 10,000 sleeping tasks may all listen to. */
const never = new AbortController().signal;
setMaxListeners(0, never);

/** A compiled body as compileTaskBody emits it (CommonJS, exports.conclabTaskBody), written by hand to leave the compiler out. */
function bodyModule(body: string): string {
  return `exports.conclabTaskBody = async function (task) {\n${body}\n};\n`;
}

function laneSetup(js: string, count: number): LaneSetup {
  return { js, count, input: undefined, notebookDirectory: process.cwd(), abortChannel: `bench-${process.pid}-${Math.random()}` };
}

async function runOnce(runner: Runner, table: TaskTable): Promise<void> {
  table.reset(0);
  await runner.run(table, 0, never);
}

/** A started pool runner for `body` and its table. */
async function startPool(body: string, count: number, schedule: Schedule): Promise<{ runner: ThreadPoolRunner; table: TaskTable }> {
  const table = TaskTable.create(count, true);
  const runner = new ThreadPoolRunner({ setup: laneSetup(bodyModule(body), count), table, workers: WORKERS, stderr: (t) => process.stderr.write(t) }, schedule);
  await runner.start(never);
  return { runner, table };
}

/** A piscina pool of WORKERS threads running `workerSource`, written to a temporary file. */
function startPiscina(workerSource: string): { pool: Piscina; close(): Promise<void> } {
  const dir = mkdtempSync(path.join(tmpdir(), "conclab-bench-"));
  const file = path.join(dir, "worker.js");
  writeFileSync(file, workerSource);
  const pool = new Piscina({ filename: file, minThreads: WORKERS, maxThreads: WORKERS, idleTimeout: 2 ** 31 - 1 });
  return { pool, close: async () => (await pool.destroy(), rmSync(dir, { recursive: true, force: true })) };
}

async function asyncRunnerVsPromiseAll(): Promise<BenchRow> {
  const trivial = async (i: number) => i;
  const table = TaskTable.create(TRIVIAL_TASKS, false);
  const runner = new AsyncRunner(new TaskExecutor(async (task: TaskContext<unknown>) => task.index, TRIVIAL_TASKS, undefined, undefined, 0), TRIVIAL_TASKS);
  const [baseline, ours] = await medianMsOfEach(21, [() => Promise.all(Array.from({ length: TRIVIAL_TASKS }, (_, i) => trivial(i))), () => runOnce(runner, table)]);
  return row(`%%async runner, ${TRIVIAL_TASKS.toLocaleString("en-US")} trivial tasks (with span recording) vs bare Promise.all`, ours, baseline, "ms", "<= 2");
}

async function threadPoolVsPiscina(): Promise<BenchRow[]> {
  const tasksPerSecond = (ms: number) => TRIVIAL_TASKS / (ms / 1000);
  const piscina = startPiscina("module.exports = (i) => i;");
  const dynamic = await startPool("return task.index;", TRIVIAL_TASKS, { kind: "dynamic" });
  const chunked = await startPool("return task.index;", TRIVIAL_TASKS, { kind: "chunk", size: 100 });
  try {
    const [piscinaMs, dynamicMs, chunkedMs] = await medianMsOfEach(REPS, [
      () => Promise.all(Array.from({ length: TRIVIAL_TASKS }, (_, i) => piscina.pool.run(i))),
      () => runOnce(dynamic.runner, dynamic.table),
      () => runOnce(chunked.runner, chunked.table),
    ]);
    const n = TRIVIAL_TASKS.toLocaleString("en-US");
    return [
      row(`%%threads --workers 2 --schedule dynamic, ${n} trivial tasks vs piscina used directly`, tasksPerSecond(dynamicMs), tasksPerSecond(piscinaMs), "tasks/s", ">= 0.9"),
      row(`%%threads --workers 2 --schedule chunk=100, ${n} trivial tasks vs piscina used directly (one message per task)`, tasksPerSecond(chunkedMs), tasksPerSecond(piscinaMs), "tasks/s", ">= 5"),
    ];
  } finally {
    await Promise.all([piscina.close(), dynamic.runner.close(), chunked.runner.close()]);
  }
}

async function cpuBoundVsPiscina(): Promise<BenchRow> {
  const spin = `const until = performance.now() + ${CPU_MS}; while (performance.now() < until);`;
  const piscina = startPiscina(`const { performance } = require("node:perf_hooks");\nmodule.exports = () => { ${spin} };`);
  const ours = await startPool(`task.spin(${CPU_MS});`, CPU_TASKS, { kind: "dynamic" });
  try {
    const [baselineMs, oursMs] = await medianMsOfEach(5, [() => Promise.all(Array.from({ length: CPU_TASKS }, () => piscina.pool.run(0))), () => runOnce(ours.runner, ours.table)]);
    return row(`%%threads --workers 2, ${CPU_TASKS} tasks of ${CPU_MS} ms CPU vs a hand-written piscina script (harness overhead)`, oursMs, baselineMs, "ms", "<= 1.05");
  } finally {
    await Promise.all([piscina.close(), ours.runner.close()]);
  }
}

/** Runs `source` in a fresh node process, so that nothing loaded before skews its memory; it prints its figures as JSON. */
function inFreshProcess(source: string): { ms: number; bytesPerWorker: number } {
  return JSON.parse(execFileSync(process.execPath, ["-e", source], { encoding: "utf8" }).trim()) as { ms: number; bytesPerWorker: number };
}

/** A script that times `start` (an expression resolving to a stop function) and the RSS it adds per worker. */
function startupScript(prelude: string, start: string): string {
  return `${prelude}
(async () => {
  const rss = process.memoryUsage.rss();
  const t0 = process.hrtime.bigint();
  const stop = await (${start});
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const bytesPerWorker = (process.memoryUsage.rss() - rss) / ${WORKERS};
  console.log(JSON.stringify({ ms, bytesPerWorker }));
  await stop();
})();`;
}

/** Start-up time and RSS added per worker: our pool (piscina, the thread entry, the body loaded) against bare workers, each in fresh processes. */
function workerStartup(): BenchRow[] {
  const bare = startupScript(
    `const { Worker } = require("node:worker_threads");`,
    `(async () => {
      const workers = Array.from({ length: ${WORKERS} }, () => new Worker('require("node:worker_threads").parentPort.postMessage("up")', { eval: true }));
      await Promise.all(workers.map((w) => new Promise((resolve) => w.once("message", resolve))));
      return () => Promise.all(workers.map((w) => w.terminate()));
    })()`,
  );
  const ours = startupScript(
    `const { ThreadPoolRunner } = require(${JSON.stringify(compiledFile("magics/runners/thread-pool-runner.js"))});
     const { TaskTable } = require(${JSON.stringify(compiledFile("magics/tasks/task-table.js"))});`,
    `(async () => {
      const table = TaskTable.create(1, true);
      const setup = ${JSON.stringify(laneSetup(bodyModule("return 1;"), 1))};
      const runner = new ThreadPoolRunner({ setup, table, workers: ${WORKERS}, stderr: () => undefined }, { kind: "dynamic" });
      await runner.start(new AbortController().signal);
      return () => runner.close();
    })()`,
  );
  const samples = Array.from({ length: 5 }, () => [inFreshProcess(bare), inFreshProcess(ours)]);
  const medianOf = (k: number, key: "ms" | "bytesPerWorker") => median(samples.map((pair) => pair[k][key]));
  return [
    row(`worker start-up, ${WORKERS} workers ready (pool + thread entry + body loaded) vs bare workers, fresh processes`, medianOf(1, "ms"), medianOf(0, "ms"), "ms"),
    row("RSS per worker (pool + thread entry + body loaded) vs a bare worker, fresh processes", medianOf(1, "bytesPerWorker"), medianOf(0, "bytesPerWorker"), "bytes"),
  ];
}

/** Heap per pending task: the %%async runner's task (context, span, promise) against a bare pending async function. */
async function pendingAsyncTaskMemory(): Promise<BenchRow> {
  // Read right after the tasks have started (they start synchronously), before any of them ends.
  const heapPerTask = async (start: () => Promise<unknown>) => {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const done = start();
    const perTask = (process.memoryUsage().heapUsed - before) / TRIVIAL_TASKS;
    await done;
    return perTask;
  };
  const bare = await heapPerTask(() => Promise.all(Array.from({ length: TRIVIAL_TASKS }, async () => sleep(200))));
  const table = TaskTable.create(TRIVIAL_TASKS, false);
  const runner = new AsyncRunner(new TaskExecutor((task: TaskContext<unknown>) => task.sleep(200), TRIVIAL_TASKS, undefined, undefined, 0), TRIVIAL_TASKS);
  const ours = await heapPerTask(() => runOnce(runner, table));
  return row("heap per pending %%async task (await task.sleep) vs a bare pending async function", ours, bare, "bytes");
}

export async function benchMagics(): Promise<BenchRow[]> {
  return [await asyncRunnerVsPromiseAll(), ...(await threadPoolVsPiscina()), await cpuBoundVsPiscina(), ...workerStartup(), await pendingAsyncTaskMemory()];
}

if (require.main === module) {
  benchMagics().then(
    (rows) => console.table(rows.map((r) => ({ ...r, ratio: Number(r.ratio.toFixed(2)) }))),
    (e: Error) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
