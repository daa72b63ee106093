/** One experiment run by run: start-up measured on its own, then the warm-ups and measured runs, then the result. */
import { randomUUID } from "node:crypto";
import { loadTaskBody } from "../body/load-task-body";
import { toTaskFailure } from "../body/map-task-stack";
import { notebookExports } from "../body/load-task-body";
import type { MagicContext } from "../framework/magic-context";
import { machineInfo, nodeRuntime } from "../measure/machine-info";
import { treeStatus } from "../measure/resource-monitor";
import { RunFailures, RunProbes, measureRun } from "../measure/measure-run";
import { spread } from "../statistics/statistics";
import { attachDisplay } from "../../common/mime-bundle";
import type { ExperimentOptions, ExperimentResult, RunMeasurement, StartupMeasurement } from "../result/experiment-result";
import { RunProgress, progressReporter, watchRun } from "./experiment-progress";
import { experimentTable } from "../render/result-table";
import { summarizeRuns } from "../measure/summarize-runs";
import type { Runner } from "../runners/runner";
import type { LaneSetup } from "../lanes/lane-messages";
import { TaskExecutor } from "../tasks/task-executor";
import { TaskTable } from "../tasks/task-table";
import type { ExperimentPlan, PreparedExperiment } from "./plan";
import type { Lab } from "./lab";

/** The result as the notebook gets it: plain data, plus the last run's return values by task index (not enumerable: they may be anything). */
export type ExperimentValue = ExperimentResult & { readonly values: unknown[] };

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
  private taskStartupWhat = "";
  private startsAtOnce = 0;
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
    const { plan, body, input } = prepared;
    const { common } = plan;
    const usesServer = body.language === "typescript" ? body.compiled.usesServer : body.usesServer;
    const server = usesServer ? await lab.serverAddress(common.serverLatency, common.serverBytes) : undefined;
    const table = TaskTable.create(common.tasks, true);
    const compiled = () => {
      if (body.language !== "typescript") throw new Error(`${plan.magicLine}: a ${body.language} body is run by its own runner, not loaded as JavaScript`);
      return body.compiled;
    };
    const laneSetup = (): LaneSetup => ({ js: compiled().js, count: common.tasks, input, server, notebookDirectory: ctx.notebookDirectory ?? process.cwd(), abortChannel: `conclab-abort-${randomUUID()}` });
    const mainThreadExecutor = () => new TaskExecutor(loadTaskBody(compiled().js, notebookExports(ctx.notebookScope, compiled().localNames), ctx.require), common.tasks, input, server, 0);
    const runner = plan.createRunner({ table, input, server, laneSetup, mainThreadExecutor, stdout: ctx.stdout, stderr: ctx.stderr });
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
    const { what, startups } = this.runner.taskStartups?.() ?? { what: "", startups: [] };
    this.taskStartupWhat = what;
    this.taskStartups.push(...startups.map((s) => s.bodyStartAt - s.createdAt));
    this.startsAtOnce = Math.max(this.startsAtOnce, mostAtOnce(startups));
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
      runtime: this.runner.runtime?.() ?? nodeRuntime(),
      startedAt: this.startedAt,
      ...(this.taskStartups.length > 0 ? { startup: spawnStartup(plan, this.taskStartupWhat, this.taskStartups, this.startsAtOnce, this.startup) } : this.startup ? { startup: this.startup } : {}),
      runs,
      summary: summarizeRuns(runs),
    };
    const last = runs[runs.length - 1];
    const result: ExperimentResult =
      this.timedOutRun === undefined
        ? { ...fields, state: "completed" }
        : { ...fields, state: "timed-out", timeout: { seconds: common.timeout!, run: this.timedOutRun, ...stoppedByTimeout(last, common.timeout! * 1000) } };
    const table = this.table;
    Object.defineProperty(result, "values", { value: Array.from({ length: table.count }, (_, i) => table.values[i]), enumerable: false });
    attachDisplay(result, (r) => experimentTable([r]));
    return result as ExperimentValue;
  }

  async close(): Promise<void> {
    await this.runner.close();
  }

  private failures(): RunFailures {
    const { plan, body } = this.prepared;
    const signal = this.ctx.signal;
    return {
      // The Python harness already placed its frames at the cell's lines.
      describe: (index, error) => (body.language === "typescript" ? toTaskFailure(index, error, body.compiled) : { index, name: error.name, message: error.message, stack: error.stack || `${error.name}: ${error.message}` }),
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
  // The lanes' memory is the whole tree's growth: worker threads live in this process, child processes beside it.
  return info && { ...info, wallMs, rssAboveBaselineBytes: Math.max(0, treeStatus(runner.processIds?.() ?? []).rssBytes - before.rssBytes) };
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

function spawnStartup(plan: ExperimentPlan, what: string, startups: number[], startsAtOnce: number, alone: StartupMeasurement | undefined): StartupMeasurement {
  const perTaskMs = spread(startups);
  return { what, lanes: plan.modelOptions.workers ?? 1, wallMs: perTaskMs.median, perTaskMs, startsAtOnce, ...(alone?.aloneMs !== undefined ? { aloneMs: alone.aloneMs } : {}) };
}

/** The tasks a timed-out run's --timeout ended: unsettled ones, and those that failed at or after it. */
function stoppedByTimeout(run: RunMeasurement, timeoutMs: number): { unfinished: number; stopped: number } {
  const unfinished = run.failures.filter((f) => f.name === "TimeoutError").length;
  // Spans start at the run's start, the timeout a moment later: a millisecond's tolerance.
  const stopped = run.failures.filter((f) => f.name === "TimeoutError" || run.tasks.end[f.index] >= timeoutMs - 1).length;
  return { unfinished, stopped };
}

/** The most intervals that overlap at one moment. */
function mostAtOnce(intervals: readonly { createdAt: number; bodyStartAt: number }[]): number {
  const edges = intervals.flatMap((i) => [[i.createdAt, 1] as const, [i.bodyStartAt, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (now += step));
  return most;
}
