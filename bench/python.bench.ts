/**
 * %%python's per-task cost of each model beside Node's: an empty task run N times by the CPython
 * harness, against the same model's Node runner run in the same script, in turns (the article's
 * claim C12 is about what an empty task costs on a thread pool against an event loop).
 */
import { setMaxListeners } from "node:events";
import { choosePython } from "../magics/runners/python-interpreter";
import { median } from "../magics/statistics/statistics";
import { AsyncRunner } from "../magics/runners/async-runner";
import { ProcessPoolRunner } from "../magics/runners/process-pool-runner";
import { PythonModel, PythonRunner } from "../magics/runners/python-runner";
import type { Runner } from "../magics/runners/runner";
import { SpawnRunner } from "../magics/runners/spawn-runner";
import { SyncRunner } from "../magics/runners/sync-runner";
import { ThreadPoolRunner } from "../magics/runners/thread-pool-runner";
import { BODY_FIRST_CELL_LINE } from "../magics/body/load-task-body";
import type { LaneSetup } from "../magics/lanes/lane-messages";
import { TaskExecutor } from "../magics/tasks/task-executor";
import { TaskTable } from "../magics/tasks/task-table";
import type { BenchRow } from "./bench-row";

const WORKERS = 2;
const REPS = 7;
const never = new AbortController().signal;
setMaxListeners(0, never);

/** Each model with as many tasks as keep a run to a fraction of a second on both sides. */
const MODELS: { model: PythonModel; tasks: number }[] = [
  { model: "sync", tasks: 2000 },
  { model: "asyncio", tasks: 2000 },
  { model: "threads", tasks: 2000 },
  { model: "spawn", tasks: 200 },
  { model: "processes", tasks: 1000 },
];

function nodeRunner(model: PythonModel, table: TaskTable): Runner {
  const count = table.count;
  const setup: LaneSetup = { js: "exports.conclabTaskBody = async function (task) {\n\n};\n", count, input: undefined, notebookDirectory: process.cwd(), abortChannel: `bench-python-${process.pid}-${model}` };
  const executor = () => new TaskExecutor(async () => undefined, count, undefined, undefined, 0);
  const lanes = { setup, table, workers: WORKERS, stderr: (t: string) => process.stderr.write(t) };
  switch (model) {
    case "sync":
      return new SyncRunner(executor());
    case "asyncio":
      return new AsyncRunner(executor(), count);
    case "threads":
      return new ThreadPoolRunner(lanes, { kind: "dynamic" });
    case "spawn":
      return new SpawnRunner(lanes);
    case "processes":
      return new ProcessPoolRunner({ setup, workers: WORKERS, stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }, { kind: "dynamic" });
  }
}

/** µs per task of one run, the median of REPS runs taken in turns with the other runner's. */
async function perTaskMicros(sides: { runner: Runner; table: TaskTable }[]): Promise<number[]> {
  const times = sides.map(() => [] as number[]);
  for (let rep = -1; rep < REPS; rep++) {
    for (const [k, { runner, table }] of sides.entries()) {
      await runner.ready?.(never);
      table.reset(rep + 1);
      const t0 = process.hrtime.bigint();
      await runner.run(table, rep + 1, never);
      // The first round warms both up.
      if (rep >= 0) times[k].push(Number(process.hrtime.bigint() - t0) / 1e3 / table.count);
    }
  }
  return times.map(median);
}

export async function benchPython(): Promise<BenchRow[]> {
  const choice = choosePython(undefined, process.env);
  if (!choice.found) {
    console.log(choice.message);
    return [];
  }
  const python = choice.path;
  const rows: BenchRow[] = [];
  for (const { model, tasks } of MODELS) {
    const pyTable = TaskTable.create(tasks, true);
    const nodeTable = TaskTable.create(tasks, true);
    const setup = { model, body: "pass", firstLine: BODY_FIRST_CELL_LINE, count: tasks, workers: WORKERS, input: null };
    const py = new PythonRunner({ python, setup, stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
    const node = nodeRunner(model, nodeTable);
    try {
      await Promise.all([py.start(never), node.start(never)]);
      const [pyMicros, nodeMicros] = await perTaskMicros([
        { runner: py, table: pyTable },
        { runner: node, table: nodeTable },
      ]);
      const runtime = py.runtime();
      rows.push({
        name: `${model}: empty task on CPython ${runtime?.version ?? ""} (value) vs Node (baseline), ${tasks} tasks${["threads", "spawn", "processes"].includes(model) ? `, ${WORKERS} workers` : ""}`,
        value: pyMicros,
        baseline: nodeMicros,
        ratio: pyMicros / nodeMicros,
        unit: "µs/task",
      });
    } finally {
      await Promise.all([py.close(), node.close()]);
    }
  }
  return rows;
}
