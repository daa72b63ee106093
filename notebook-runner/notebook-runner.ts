/**
 * Executes a notebook's code cells in order on a fresh kernel and writes the outputs back,
 * as `jupyter nbconvert --execute --inplace` does, with nbclient's rules: stop at the first
 * error unless errors are allowed or the cell is tagged `raises-exception`, skip cells tagged
 * `skip-execution`, interrupt a cell that outlives the timeout.
 */
import * as path from "node:path";
import type { Reply } from "../client/kernel-channels";
import { KernelClient } from "../client/kernel-client";
import { Header } from "../protocol/messages";
import { isPlotlyLibraryOutput } from "../common/plotly-js";
import { CodeCell, ErrorOutput, KernelspecMetadata, LanguageInfo, Notebook, readNotebook, writeNotebook } from "./nbformat";
import { OutputRecorder } from "./output-recorder";

export const CONCLAB_KERNELSPEC: KernelspecMetadata = { name: "conclab", display_name: "TypeScript (conclab)", language: "typescript" };

export interface RunOptions {
  /** Seconds one cell may run before it is interrupted and the run fails; 0 or absent: no limit. */
  timeoutSeconds?: number;
  /** Errors do not stop the run or fail it (timeouts and a dead kernel still do). */
  allowErrors?: boolean;
  /** The kernel's argv with `{connection_file}`; default: this package's kernel. */
  kernelArgv?: string[];
  kernelEnv?: NodeJS.ProcessEnv;
  /** Written to metadata.kernelspec; default: conclab's. */
  kernelspec?: KernelspecMetadata;
  interruptMode?: "message" | "signal";
  /** How long an interrupted cell may take to stop before the kernel is killed. */
  interruptGraceMs?: number;
  /**
   * Keep the output that carries plotly.js (4.7 MB) in the notebook written back, so that its charts
   * draw interactively offline as saved. Without it the charts show their static rendering until a
   * cell is run again (the kernel then sends plotly.js to that client session before its first chart).
   */
  keepPlotlyLibrary?: boolean;
  /** Called after each code cell, with its 1-based position among the code cells. */
  onCellDone?: (cell: CellRun, position: number, codeCellCount: number) => void;
}

/**
 * `expected-error`: the cell raised and was allowed to (tag or --allow-errors); `skipped`: empty or
 * tagged skip-execution; `not-run`: after the run stopped.
 */
export type CellStatus = "ok" | "error" | "expected-error" | "timeout" | "kernel-died" | "skipped" | "not-run";

export interface CellRun {
  /** Index in notebook.cells (0-based). */
  index: number;
  id: string;
  status: CellStatus;
  durationMs: number;
}

export interface RunFailure {
  reason: "error" | "timeout" | "kernel-died" | "kernel-start";
  /** Index in notebook.cells (0-based) of the cell that failed; absent when the kernel did not start. */
  cellIndex?: number;
  cellId?: string;
  ename: string;
  evalue: string;
  traceback: string[];
}

export interface NotebookExecution {
  notebook: Notebook;
  ok: boolean;
  /** One entry per code cell, in notebook order. */
  cells: CellRun[];
  failure?: RunFailure;
  startedAt: Date;
  durationMs: number;
  /** The kernel's own stderr/stdout (its log), for diagnosing a failed start or a crash. */
  kernelLog: string;
}

export interface NotebookRun extends NotebookExecution {
  path: string;
}

type Outcome = { kind: "reply"; reply: Reply } | { kind: "exited"; code: number | null } | { kind: "timeout" };

function settleFirst(pending: Promise<Reply>, exited: Promise<number | null>, timeoutMs: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const contenders: Promise<Outcome>[] = [pending.then((reply) => ({ kind: "reply", reply })), exited.then((code) => ({ kind: "exited", code }))];
  if (timeoutMs > 0) contenders.push(new Promise((resolve) => (timer = setTimeout(() => resolve({ kind: "timeout" }), timeoutMs))));
  return Promise.race(contenders).finally(() => clearTimeout(timer));
}

const hasTag = (cell: CodeCell, tag: string) => Array.isArray(cell.metadata.tags) && cell.metadata.tags.includes(tag);

function resetCell(cell: CodeCell): void {
  cell.outputs = [];
  cell.execution_count = null;
}

function lastError(cell: CodeCell): ErrorOutput | undefined {
  return cell.outputs.filter((o): o is ErrorOutput => o.output_type === "error").pop();
}

/** Runs the code cells of one notebook against one kernel, recording outputs into the cells. */
class CellSequence {
  private readonly recorder = new OutputRecorder();
  /** Cells by the msg_id of their execute_request, so output that arrives after a cell finished still lands in it. */
  private readonly cellsByRequest = new Map<string, CodeCell>();
  private killed = false;

  constructor(
    private readonly client: KernelClient,
    private readonly options: RunOptions,
  ) {
    client.listen((msg) => {
      const cell = this.cellsByRequest.get((msg.parent_header as Header).msg_id);
      if (cell) this.recorder.apply(cell, msg);
    });
  }

  async run(cell: CodeCell, index: number): Promise<{ run: CellRun; failure?: RunFailure }> {
    const started = performance.now();
    const finish = (status: CellStatus, failure?: Omit<RunFailure, "cellIndex" | "cellId">) => ({
      run: { index, id: cell.id, status, durationMs: performance.now() - started },
      failure: failure && { ...failure, cellIndex: index, cellId: cell.id },
    });
    if (hasTag(cell, "skip-execution")) return finish("skipped");
    resetCell(cell);
    if (cell.source.trim() === "") return finish("skipped");

    const errorAllowed = this.options.allowErrors === true || hasTag(cell, "raises-exception");
    // No one is there to type: a cell asking for input should fail, not silently get "" (as nbclient does).
    const pending = this.client.execute(cell.source, { stopOnError: !errorAllowed, allowStdin: false });
    const timeoutSeconds = this.options.timeoutSeconds ?? 0;
    let outcome = await settleFirst(pending, this.client.exited(), timeoutSeconds * 1000);
    const timedOut = outcome.kind === "timeout";
    if (timedOut) {
      this.client.interrupt(this.options.interruptMode ?? "message").catch(() => undefined);
      outcome = await settleFirst(pending, this.client.exited(), this.options.interruptGraceMs ?? 10_000);
    }

    if (outcome.kind === "reply") this.record(cell, outcome.reply);
    if (outcome.kind === "exited") {
      const log = this.client.kernelLog.trimEnd().split("\n").slice(-20);
      return finish("kernel-died", this.appendError(cell, "kernel-died", "DeadKernelError", `the kernel exited with code ${outcome.code} while running this cell`, log));
    }
    if (timedOut || outcome.kind === "timeout") {
      const stopped = outcome.kind === "reply" ? "it was interrupted" : "it did not stop when interrupted, so the kernel was killed";
      if (outcome.kind === "timeout") this.kill();
      return finish("timeout", this.appendError(cell, "timeout", "CellTimeoutError", `the cell did not finish within ${timeoutSeconds} s (--timeout); ${stopped}`));
    }
    const content = outcome.reply.reply.content;
    if (content.status === "ok") return finish("ok");
    if (errorAllowed) return finish("expected-error");
    const shown = lastError(cell);
    return finish("error", {
      reason: "error",
      ename: String(content.ename ?? shown?.ename ?? "Error"),
      evalue: String(content.evalue ?? shown?.evalue ?? `execute_reply status ${String(content.status)}`),
      traceback: Array.isArray(content.traceback) ? content.traceback.map(String) : (shown?.traceback ?? []),
    });
  }

  private record(cell: CodeCell, reply: Reply): void {
    for (const msg of reply.iopub) this.recorder.apply(cell, msg);
    const count = reply.reply.content.execution_count;
    cell.execution_count = typeof count === "number" ? count : null;
    this.cellsByRequest.set((reply.reply.parent_header as Header).msg_id, cell);
  }

  /** Shows in the cell why the runner stopped it, and returns that as the run's failure. */
  private appendError(cell: CodeCell, reason: RunFailure["reason"], ename: string, evalue: string, details: string[] = []): Omit<RunFailure, "cellIndex" | "cellId"> {
    const traceback = [`${ename}: ${evalue}`, ...details];
    this.recorder.append(cell, { output_type: "error", ename, evalue, traceback });
    return { reason, ename, evalue, traceback };
  }

  private kill(): void {
    this.killed = true;
    this.client.close();
  }

  async close(): Promise<void> {
    if (!this.killed) await this.client.shutdown();
  }
}

async function kernelInfo(client: KernelClient): Promise<LanguageInfo> {
  const outcome = await settleFirst(client.request("shell", "kernel_info_request"), client.exited(), 30_000);
  const info = outcome.kind === "reply" ? (outcome.reply.reply).content.language_info : undefined;
  const languageInfo = (info ?? {}) as Partial<LanguageInfo>;
  return { ...languageInfo, name: typeof languageInfo.name === "string" ? languageInfo.name : "typescript" };
}

/** Executes `notebook` in place (its cells get the new outputs) with a kernel started in `cwd`. */
export async function executeNotebook(notebook: Notebook, cwd: string, options: RunOptions = {}): Promise<NotebookExecution> {
  const startedAt = new Date();
  const started = performance.now();
  const codeCells = notebook.cells.flatMap((cell, index) => (cell.cell_type === "code" ? [{ cell, index }] : []));
  const cells: CellRun[] = [];
  let failure: RunFailure | undefined;
  let kernelLog = "";
  const markNotRun = (from: number) => {
    for (const { cell, index } of codeCells.slice(from)) {
      resetCell(cell);
      cells.push({ index, id: cell.id, status: "not-run", durationMs: 0 });
    }
  };

  let client: KernelClient | undefined;
  try {
    client = await KernelClient.start({ argv: options.kernelArgv, cwd, env: options.kernelEnv });
  } catch (e) {
    failure = { reason: "kernel-start", ename: "KernelStartError", evalue: (e as Error).message, traceback: [] };
    markNotRun(0);
  }
  if (client) {
    const sequence = new CellSequence(client, options);
    try {
      notebook.metadata.kernelspec = options.kernelspec ?? CONCLAB_KERNELSPEC;
      notebook.metadata.language_info = await kernelInfo(client);
      for (const [position, { cell, index }] of codeCells.entries()) {
        const result = await sequence.run(cell, index);
        cells.push(result.run);
        options.onCellDone?.(result.run, position + 1, codeCells.length);
        if (result.failure) {
          failure = result.failure;
          markNotRun(position + 1);
          break;
        }
      }
    } finally {
      kernelLog = client.kernelLog;
      await sequence.close();
    }
  }
  return { notebook, ok: failure === undefined, cells, failure, startedAt, durationMs: performance.now() - started, kernelLog };
}

/** A copy of `notebook` without the outputs that carry plotly.js. */
export function withoutPlotlyLibrary(notebook: Notebook): Notebook {
  const cells = notebook.cells.map((cell) =>
    cell.cell_type === "code" ? { ...cell, outputs: cell.outputs.filter((o) => !((o.output_type === "display_data" || o.output_type === "execute_result") && isPlotlyLibraryOutput(o.data))) } : cell,
  );
  return { ...notebook, cells };
}

/**
 * Reads the notebook at `notebookPath`, executes it with the kernel in the notebook's folder, and
 * writes it back in place, without plotly.js unless `options.keepPlotlyLibrary`. The run's
 * notebook keeps every output, as the kernel sent them.
 */
export async function runNotebook(notebookPath: string, options: RunOptions = {}): Promise<NotebookRun> {
  const notebook = readNotebook(notebookPath);
  const execution = await executeNotebook(notebook, path.dirname(path.resolve(notebookPath)), options);
  writeNotebook(notebookPath, options.keepPlotlyLibrary ? execution.notebook : withoutPlotlyLibrary(execution.notebook));
  return { ...execution, path: notebookPath };
}
