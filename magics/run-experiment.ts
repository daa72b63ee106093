import { randomUUID } from "node:crypto";
import type { ParsedOptions } from "./args/option-spec";
import type { taskOptions } from "./args/experiment-options";
import { compileTaskBody } from "./body/compile-task-body";
import { loadTaskBody } from "./body/load-task-body";
import { toTaskFailure } from "./body/map-task-stack";
import { notebookExports } from "./body/notebook-exports";
import type { MagicContext } from "./magic-context";
import { machineInfo } from "./measure/machine-info";
import { LoopDelayProbe } from "./measure/loop-delay";
import { RunFailures, RunProbes, measureRun } from "./measure/measure-run";
import { readProcessStatus } from "./measure/process-status";
import { ResourceMonitor } from "./measure/resource-monitor";
import { spread } from "./measure/statistics";
import { attachDisplay } from "./result/attach-display";
import type { ExperimentOptions, ExperimentResult, ModelName, RunMeasurement, StartupMeasurement } from "./result/experiment-result";
import { experimentTable } from "./result/result-table";
import { summarizeRuns } from "./result/summarize-runs";
import { LoopbackServerThread } from "./runners/loopback-server";
import type { Runner } from "./runners/runner";
import type { LaneSetup } from "./runners/runner-messages";
import { TaskExecutor } from "./runners/task-executor";
import { TaskTable } from "./runners/task-table";
import { UsageError } from "./usage-error";

/** The result as the notebook gets it: plain data, plus the last run's return values by task index (not enumerable: they may be anything). */
export type ExperimentValue = ExperimentResult & { readonly values: unknown[] };

/** What a runner is built from. */
export interface RunnerParts {
  table: TaskTable;
  /** For workers and child processes. */
  laneSetup: LaneSetup;
  /** For the main-thread models: the body loaded here, seeing the notebook's variables. */
  mainThreadExecutor(): TaskExecutor;
}

export interface ExperimentPlan {
  model: ModelName;
  /** "%%threads --workers 2" */
  magicLine: string;
  common: ParsedOptions<typeof taskOptions>;
  /** The model's own options, as the result records them. */
  modelOptions: Partial<ExperimentOptions>;
  /** Where tasks run when not on the main thread ("in another thread"): the body then cannot see notebook variables. */
  isolatedWhere?: string;
  /** How a task that did not finish was stopped, for its error message. */
  stoppedHow: string;
  createRunner(parts: RunnerParts): Runner;
}

/**
 * Compiles the body, starts the runner (start-up measured on its own), runs warm-ups and measured
 * runs (each under --timeout), and returns the result with its display; also kept as $last.
 * Everything started here is ended before this returns or throws.
 */
export async function runExperiment(plan: ExperimentPlan, body: string, ctx: MagicContext): Promise<ExperimentValue> {
  const { common } = plan;
  const input = collectInput(plan.model, common.input, ctx.notebookScope);
  const compiled = compileTaskBody({ magic: plan.model, body, engine: ctx.engine, notebookDeclarations: ctx.notebookDeclarations, inputNames: common.input, isolatedWhere: plan.isolatedWhere });
  const startedAt = new Date().toISOString();
  const monitor = await ResourceMonitor.start();
  const loopDelay = new LoopDelayProbe();
  const probes: RunProbes = { monitor, loopDelay };
  let server: LoopbackServerThread | undefined;
  let runner: Runner | undefined;
  try {
    server = compiled.usesServer ? await LoopbackServerThread.start(common.serverLatency, common.serverBytes) : undefined;
    const table = TaskTable.create(common.tasks, true);
    const laneSetup: LaneSetup = { js: compiled.js, count: common.tasks, input, server: server?.address, notebookDirectory: ctx.notebookDirectory ?? process.cwd(), abortChannel: `conclab-abort-${randomUUID()}` };
    const mainThreadExecutor = () => new TaskExecutor(loadTaskBody(compiled.js, notebookExports(ctx.notebookScope, compiled.localNames), ctx.require), common.tasks, input, server?.address, 0);
    runner = plan.createRunner({ table, laneSetup, mainThreadExecutor });
    const startup = await measureStartup(runner, ctx.signal);
    await loopDelay.start();

    const failures: RunFailures = {
      describe: (index, error) => toTaskFailure(index, error, compiled),
      unfinished: () =>
        ctx.signal.aborted
          ? { name: "AbortError", message: `the cell was interrupted before this task finished; ${plan.stoppedHow}` }
          : { name: "TimeoutError", message: `the run passed --timeout ${common.timeout} s before this task finished; task.signal was aborted and ${plan.stoppedHow}` },
    };
    const runs: RunMeasurement[] = [];
    const taskStartups: number[] = [];
    let timedOutRun: number | undefined;
    for (let runId = 0; runId < common.warmup + common.repeat && !ctx.signal.aborted; runId++) {
      const limits = { interrupt: ctx.signal, timeoutMs: common.timeout === undefined ? undefined : common.timeout * 1000 };
      const { timedOut, ...run } = await measureRun(runner, table, runId, probes, failures, limits);
      if (runId < common.warmup && !timedOut) continue;
      runs.push(run);
      taskStartups.push(...(runner.taskStartups?.() ?? []));
      if (timedOut) {
        timedOutRun = runs.length - 1;
        break;
      }
    }
    if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error("the cell was interrupted");

    const fields = {
      kind: "conclab.experiment" as const,
      model: plan.model,
      magicLine: plan.magicLine,
      options: experimentOptions(plan),
      machine: machineInfo(),
      startedAt,
      ...(taskStartups.length > 0 ? { startup: spawnStartup(plan, taskStartups) } : startup ? { startup } : {}),
      runs,
      summary: summarizeRuns(runs),
    };
    const last = runs[runs.length - 1];
    const result: ExperimentResult =
      timedOutRun === undefined
        ? { ...fields, state: "completed" }
        : { ...fields, state: "timed-out", timeout: { seconds: common.timeout!, run: timedOutRun, unfinished: last.failures.filter((f) => f.name === "TimeoutError").length } };
    Object.defineProperty(result, "values", { value: Array.from({ length: table.count }, (_, i) => table.values[i]), enumerable: false });
    attachDisplay(result, (r) => experimentTable([r]));
    keepResult(ctx, result, common.name);
    return result as ExperimentValue;
  } finally {
    await runner?.close();
    await server?.close();
    await monitor.close();
    loopDelay.stop();
  }

  async function measureStartup(started: Runner, signal: AbortSignal): Promise<StartupMeasurement | undefined> {
    const before = monitor.beginWindow();
    const t0 = process.hrtime.bigint();
    const info = await started.start(signal);
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    return info && { ...info, wallMs, rssAboveBaselineBytes: Math.max(0, readProcessStatus().rssBytes - before.rssBytes) };
  }
}

/** --input values, checked to exist and copied once (structured clone) the way they reach workers. */
function collectInput(magic: string, names: readonly string[], scope: Record<string, unknown>): unknown {
  for (const name of names) {
    if (!(name in scope)) {
      const known = Object.keys(scope).filter((k) => !k.startsWith("$") && !k.startsWith("__"));
      throw new UsageError(`%%${magic}: --input ${name}: there is no notebook variable ${name}; define it in a cell above (notebook variables: ${known.slice(0, 20).join(", ") || "none yet"})`);
    }
  }
  const value = names.length === 0 ? undefined : names.length === 1 ? scope[names[0]] : Object.fromEntries(names.map((n) => [n, scope[n]]));
  try {
    return structuredClone(value);
  } catch (e) {
    throw new UsageError(
      `%%${magic}: --input ${names.join(" ")} cannot be copied into the tasks: ${(e as Error).message}. --input copies with structured clone: plain data, typed arrays, Maps and Sets are copied and SharedArrayBuffers shared; functions and objects holding functions cannot be`,
    );
  }
}

function experimentOptions(plan: ExperimentPlan): ExperimentOptions {
  const c = plan.common;
  return {
    tasks: c.tasks,
    repeat: c.repeat,
    warmup: c.warmup,
    ...(c.timeout !== undefined ? { timeoutSeconds: c.timeout } : {}),
    input: c.input,
    ...(c.name !== undefined ? { name: c.name } : {}),
    serverLatencyMs: c.serverLatency,
    serverBytes: c.serverBytes,
    ...plan.modelOptions,
  };
}

function spawnStartup(plan: ExperimentPlan, startups: number[]): StartupMeasurement {
  const perTaskMs = spread(startups);
  return { what: "a new worker thread per task", lanes: plan.modelOptions.workers ?? 1, wallMs: perTaskMs.median, perTaskMs };
}

/** $last is always the latest result; --name NAME also keeps it as $results.NAME. */
function keepResult(ctx: MagicContext, result: ExperimentResult, name: string | undefined): void {
  ctx.notebookScope.$last = result;
  if (name === undefined) return;
  const kept = (ctx.notebookScope.$results as Record<string, ExperimentResult> | undefined) ?? {};
  kept[name] = result;
  ctx.notebookScope.$results = kept;
}
