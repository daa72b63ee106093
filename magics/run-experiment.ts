import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { ParsedOptions } from "./args/option-spec";
import type { taskOptions } from "./args/experiment-options";
import { CompiledTaskBody, compileTaskBody } from "./body/compile-task-body";
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
import type { ConclabResult, ExperimentOptions, ExperimentResult, ModelName, RunMeasurement, StartupMeasurement } from "./result/experiment-result";
import { OnProgress, RunProgress, progressReporter, watchRun } from "./result/experiment-progress";
import { experimentTable } from "./result/result-table";
import { summarizeRuns } from "./result/summarize-runs";
import { LoopbackServerThread } from "./runners/loopback-server";
import type { Runner } from "./runners/runner";
import type { ServerAddress } from "./runners/loopback-client";
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

/** --sweep of a number the body reads: its name and this point's value, handed in as task.input (or task.input.NAME beside --input). */
export interface SweptInput {
  name: string;
  value: number;
}

/**
 * What the experiments of one magic cell share: the resource monitor, the loop-delay probe, the
 * loopback server (started when a body first uses it) and where progress goes.
 */
export class Lab {
  private server: Promise<LoopbackServerThread> | undefined;
  readonly startedAt = performance.now();

  private constructor(readonly probes: RunProbes, readonly onProgress: OnProgress | undefined) {}

  /** Opens a lab, runs `work` in it and closes the lab, whether `work` resolves or throws. */
  static async with<T>(onProgress: OnProgress | undefined, work: (lab: Lab) => Promise<T>): Promise<T> {
    const loopDelay = new LoopDelayProbe();
    const lab = new Lab({ monitor: await ResourceMonitor.start(), loopDelay }, onProgress);
    try {
      await loopDelay.start();
      return await work(lab);
    } finally {
      await lab.close();
    }
  }

  /** The loopback server's address; all experiments of a cell share the server options. */
  async serverAddress(latencyMs: number, bytes: number): Promise<ServerAddress> {
    this.server ??= LoopbackServerThread.start(latencyMs, bytes);
    return (await this.server).address;
  }

  private async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.then((s) => s.close(), () => undefined);
    await this.probes.monitor.close();
    this.probes.loopDelay.stop();
  }
}

/** A body compiled for one plan, with its --input copied: what can fail without starting anything. */
export interface PreparedExperiment {
  plan: ExperimentPlan;
  compiled: CompiledTaskBody;
  input: unknown;
}

/** Type-checks and compiles the body for `plan` and copies its input; throws UsageError or BodyTypeError before anything starts. */
export function prepareExperiment(plan: ExperimentPlan, body: string, ctx: MagicContext, swept?: SweptInput): PreparedExperiment {
  const { common } = plan;
  const inputNames = swept ? [...common.input, swept.name] : common.input;
  const input = collectInput(plan.model, common.input, ctx.notebookScope, swept);
  const notebookDeclarations = swept ? `${ctx.notebookDeclarations}\ndeclare const ${swept.name}: number;\n` : ctx.notebookDeclarations;
  const compiled = compileTaskBody({ magic: plan.model, body, engine: ctx.engine, notebookDeclarations, inputNames, isolatedWhere: plan.isolatedWhere });
  return { plan, compiled, input };
}

/** The label and sweep point under which an experiment reports its progress. */
export interface ProgressPlace {
  label: string;
  point?: { index: number; of: number; value: number; parameter: string };
}

/**
 * One experiment with its runner started (start-up measured on its own): measured run by run, then
 * turned into a result. close() ends everything it started; open() closes what it started if it fails.
 */
export class OpenExperiment {
  private readonly runs: RunMeasurement[] = [];
  private readonly taskStartups: number[] = [];
  private timedOutRun: number | undefined;
  private readonly startedAt = new Date().toISOString();
  private readonly report: ((progress: RunProgress) => void) | undefined;

  private constructor(
    private readonly prepared: PreparedExperiment,
    private readonly ctx: MagicContext,
    private readonly lab: Lab,
    private readonly table: TaskTable,
    private readonly runner: Runner,
    private readonly startup: StartupMeasurement | undefined,
    place: ProgressPlace,
  ) {
    this.report = progressReporter(lab.onProgress, place.label, lab.startedAt, place.point);
  }

  static async open(prepared: PreparedExperiment, ctx: MagicContext, lab: Lab, place: ProgressPlace): Promise<OpenExperiment> {
    const { plan, compiled, input } = prepared;
    const { common } = plan;
    const server = compiled.usesServer ? await lab.serverAddress(common.serverLatency, common.serverBytes) : undefined;
    const table = TaskTable.create(common.tasks, true);
    const laneSetup: LaneSetup = { js: compiled.js, count: common.tasks, input, server, notebookDirectory: ctx.notebookDirectory ?? process.cwd(), abortChannel: `conclab-abort-${randomUUID()}` };
    const mainThreadExecutor = () => new TaskExecutor(loadTaskBody(compiled.js, notebookExports(ctx.notebookScope, compiled.localNames), ctx.require), common.tasks, input, server, 0);
    const runner = plan.createRunner({ table, laneSetup, mainThreadExecutor });
    try {
      const startup = await measureStartup(runner, lab.probes, ctx.signal);
      return new OpenExperiment(prepared, ctx, lab, table, runner, startup, place);
    } catch (e) {
      await runner.close();
      throw e;
    }
  }

  /** No more runs: one passed --timeout. */
  get stopped(): boolean {
    return this.timedOutRun !== undefined;
  }

  /** Run `runId` (0-based, warm-ups first): measured under --timeout and, unless it is a warm-up that finished, kept. Throws once the cell is interrupted. */
  async measure(runId: number): Promise<void> {
    throwIfInterrupted(this.ctx.signal);
    if (this.stopped) return;
    const { common } = this.prepared.plan;
    const warmup = runId < common.warmup;
    const progress = warmup ? { run: runId + 1, runs: common.warmup } : { run: runId - common.warmup + 1, runs: common.repeat };
    const endWatch = this.report && watchRun(this.table, runId, { ...progress, warmup, tasksDone: 0, tasks: common.tasks }, this.report);
    const limits = { interrupt: this.ctx.signal, timeoutMs: common.timeout === undefined ? undefined : common.timeout * 1000 };
    let measured;
    try {
      measured = await measureRun(this.runner, this.table, runId, this.lab.probes, this.failures(), limits);
    } finally {
      endWatch?.();
    }
    throwIfInterrupted(this.ctx.signal);
    const { timedOut, ...run } = measured;
    if (warmup && !timedOut) return;
    this.runs.push(run);
    this.taskStartups.push(...(this.runner.taskStartups?.() ?? []));
    if (timedOut) this.timedOutRun = this.runs.length - 1;
  }

  /** The result of the runs so far, with the last run's values and its table display. */
  result(): ExperimentValue {
    const { plan } = this.prepared;
    const { common } = plan;
    const runs = this.runs;
    const fields = {
      kind: "conclab.experiment" as const,
      model: plan.model,
      magicLine: plan.magicLine,
      options: experimentOptions(plan),
      machine: machineInfo(),
      startedAt: this.startedAt,
      ...(this.taskStartups.length > 0 ? { startup: spawnStartup(plan, this.taskStartups) } : this.startup ? { startup: this.startup } : {}),
      runs,
      summary: summarizeRuns(runs),
    };
    const last = runs[runs.length - 1];
    const result: ExperimentResult =
      this.timedOutRun === undefined
        ? { ...fields, state: "completed" }
        : { ...fields, state: "timed-out", timeout: { seconds: common.timeout!, run: this.timedOutRun, unfinished: last.failures.filter((f) => f.name === "TimeoutError").length } };
    const table = this.table;
    Object.defineProperty(result, "values", { value: Array.from({ length: table.count }, (_, i) => table.values[i]), enumerable: false });
    attachDisplay(result, (r) => experimentTable([r]));
    return result as ExperimentValue;
  }

  async close(): Promise<void> {
    await this.runner.close();
  }

  private failures(): RunFailures {
    const { plan, compiled } = this.prepared;
    const signal = this.ctx.signal;
    return {
      describe: (index, error) => toTaskFailure(index, error, compiled),
      unfinished: () =>
        signal.aborted
          ? { name: "AbortError", message: `the cell was interrupted before this task finished; ${plan.stoppedHow}` }
          : { name: "TimeoutError", message: `the run passed --timeout ${plan.common.timeout} s before this task finished; task.signal was aborted and ${plan.stoppedHow}` },
    };
  }
}

/** Closes every experiment, waiting for all of them even when one fails to close; rethrows the first failure. */
export async function closeAll(experiments: readonly OpenExperiment[]): Promise<void> {
  const closed = await Promise.allSettled(experiments.map((e) => e.close()));
  const failed = closed.find((c): c is PromiseRejectedResult => c.status === "rejected");
  if (failed) throw failed.reason;
}

/** Opens the prepared experiment in `lab`, runs its warm-ups and measured runs, and closes it. */
export async function measureExperiment(prepared: PreparedExperiment, ctx: MagicContext, lab: Lab, place: ProgressPlace): Promise<ExperimentValue> {
  const experiment = await OpenExperiment.open(prepared, ctx, lab, place);
  try {
    const { common } = prepared.plan;
    for (let runId = 0; runId < common.warmup + common.repeat && !experiment.stopped; runId++) await experiment.measure(runId);
    return experiment.result();
  } finally {
    await experiment.close();
  }
}

export function throwIfInterrupted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason ?? new Error("the cell was interrupted");
}

async function measureStartup(runner: Runner, probes: RunProbes, signal: AbortSignal): Promise<StartupMeasurement | undefined> {
  const before = probes.monitor.beginWindow();
  const t0 = process.hrtime.bigint();
  const info = await runner.start(signal);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return info && { ...info, wallMs, rssAboveBaselineBytes: Math.max(0, readProcessStatus().rssBytes - before.rssBytes) };
}

/**
 * --input values, checked to exist and copied once (structured clone) the way they reach workers;
 * with a swept input, its value joins them (alone: task.input is the number; beside --input: task.input.NAME).
 */
function collectInput(magic: string, names: readonly string[], scope: Record<string, unknown>, swept: SweptInput | undefined): unknown {
  for (const name of names) {
    if (!(name in scope)) {
      const known = Object.keys(scope).filter((k) => !k.startsWith("$") && !k.startsWith("__"));
      throw new UsageError(`%%${magic}: --input ${name}: there is no notebook variable ${name}; define it in a cell above (notebook variables: ${known.slice(0, 20).join(", ") || "none yet"})`);
    }
  }
  const entries: [string, unknown][] = [...names.map((n): [string, unknown] => [n, scope[n]]), ...(swept ? [[swept.name, swept.value] as [string, unknown]] : [])];
  const value = entries.length === 0 ? undefined : entries.length === 1 ? entries[0][1] : Object.fromEntries(entries);
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
export function keepResult(ctx: MagicContext, result: ConclabResult, name: string | undefined): void {
  ctx.notebookScope.$last = result;
  if (name === undefined) return;
  const kept = (ctx.notebookScope.$results as Record<string, ConclabResult> | undefined) ?? {};
  kept[name] = result;
  ctx.notebookScope.$results = kept;
}
