import { modelLabel } from "./experiment-labels";
import { escapeHtml } from "../../common/html-escape";
import type { ExperimentResult, MachineInfo, RunMeasurement, Spread } from "../result/experiment-result";
import { formatBytes, formatMs } from "../../common/units";
import { loadOverRuns } from "../measure/machine-load";
import { median } from "../statistics/statistics";

const FAILURES_SHOWN = 5;

/** A line under a table; `pre` keeps its line breaks in HTML (stacks). */
export interface TableNote {
  text: string;
  pre?: boolean;
}

export interface TableParts {
  caption: string;
  header: string[];
  rows: string[][];
  notes: TableNote[];
}

export type TableBundle = { "text/plain": string; "text/html": string };

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function spreadText(s: Spread, format: (n: number) => string): string {
  return s.of > 1 ? `${format(s.median)} (${format(s.min)}–${format(s.max)})` : format(s.median);
}

/** The columns of an experiment's row; `tasks` is said in the header when every row has that many. */
export function experimentHeader(tasks?: number): string[] {
  return ["model", "wall", "CPU of the body", "peak RSS above baseline", "main loop delay p99", tasks === undefined ? "tasks" : `tasks of ${tasks}`];
}

export function experimentRow(result: ExperimentResult): string[] {
  const s = result.summary;
  return [
    modelLabel(result),
    spreadText(s.wallMs, formatMs),
    spreadText(s.bodyCpuMs, formatMs),
    spreadText(s.peakRssAboveBaselineBytes, formatBytes),
    spreadText(s.loopDelayP99Ms, formatMs),
    `${s.tasksOk} ok, ${s.tasksFailed} failed`,
  ];
}

/** Lines under the table for one experiment: start-up, time-out, failed tasks; each begins with `prefix` (e.g. "threads: "). */
export function experimentNotes(result: ExperimentResult, prefix = ""): TableNote[] {
  const lines: TableNote[] = [];
  const { startup } = result;
  const load = loadOverRuns(result.runs);
  if (load.busy) {
    lines.push({ text: `${prefix}BUSY MACHINE: other processes used ${load.otherProcessesCores.toFixed(2)} ± ${load.uncertaintyCores.toFixed(2)} of ${load.cores} cores over the ${plural(load.runs, "run")}: these figures are unreliable` });
  }
  lines.push({ text: `${prefix}${cpuNote(result)}` });
  if (startup?.perTaskMs) {
    const alone = startup.aloneMs === undefined ? "" : `one worker alone took ${formatMs(startup.aloneMs)}; `;
    const contended = (startup.startsAtOnce ?? 1) > 1 ? `, with up to ${startup.startsAtOnce} starting at once (their starts shared the cores)` : ", one at a time";
    lines.push({ text: `${prefix}start-up: ${startup.what}: ${alone}in the runs each task's worker took ${spreadText(startup.perTaskMs, formatMs)} to start (median and range over ${plural(startup.perTaskMs.of, "task")})${contended}; included in the task times` });
  } else if (startup) {
    const rss = startup.rssAboveBaselineBytes === undefined ? "" : `, +${formatBytes(startup.rssAboveBaselineBytes)} RSS`;
    lines.push({ text: `${prefix}start-up: ${startup.what} ready in ${formatMs(startup.wallMs)}${rss} (not in the times above)` });
  }
  if (result.state === "timed-out") {
    const { run, seconds, unfinished, stopped } = result.timeout;
    const how = stopped === unfinished ? "unfinished" : `stopped: ${unfinished} had not settled, ${stopped - unfinished} failed once task.signal aborted`;
    lines.push({ text: `${prefix}TIMED OUT: run ${run + 1} passed --timeout ${seconds} s with ${plural(stopped, "task")} ${how}; the runs after it did not start` });
  }
  const last = result.runs[result.runs.length - 1];
  if (last && last.failures.length > 0) {
    lines.push({ text: `${prefix}failed tasks (last run):` });
    for (const f of last.failures.slice(0, FAILURES_SHOWN)) lines.push({ text: `task ${f.index}: ${f.stack}`, pre: true });
    if (last.failures.length > FAILURES_SHOWN) lines.push({ text: `... and ${last.failures.length - FAILURES_SHOWN} more: see .runs[${result.runs.length - 1}].failures` });
  }
  return lines;
}

/** Where the body's CPU was measured, and what the kernel's own threads used besides. */
function cpuNote(result: ExperimentResult): string {
  const where = result.runtime?.implementation === "cpython" ? pythonCpuWhere(result) : nodeCpuWhere(result);
  const of = (cpu: (run: RunMeasurement) => number) => median(result.runs.map(cpu));
  const wall = result.summary.wallMs.median;
  const share = (ms: number) => `${formatMs(ms)} (${wall > 0 ? Number(((100 * ms) / wall).toPrecision(2)) : 0}% of the wall time)`;
  const startup = result.runs.some((r) => r.startupCpuMs !== undefined) ? `, the workers' start-ups ${formatMs(of((r) => r.startupCpuMs ?? 0))}` : "";
  const harnessThreads = (result.model === "sync" || result.model === "async") && result.runtime?.implementation !== "cpython" ? "I/O, monitor, loopback server" : "main thread, I/O, monitor, loopback server";
  return `CPU of the body: of ${where}. Besides, per run (median): conclab's own threads (${harnessThreads}) ${share(of((r) => r.harnessCpuMs))}${startup}, V8's and Node's helper threads (GC, compilation) ${formatMs(of((r) => r.helperThreadsCpuMs))}`;
}

function nodeCpuWhere(result: ExperimentResult): string {
  return { sync: "the main thread", async: "the main thread", threads: result.options.spawn ? "each task's worker thread, around its body" : "the worker threads", processes: "the child processes" }[result.model];
}

/** %%python: CPU as the harness reads it (resource.getrusage of each process, time.thread_time around each task). */
function pythonCpuWhere(result: ExperimentResult): string {
  const threads = "split into user and system as the process's CPU is";
  return {
    sync: `the Python process's main thread, around each task (${threads})`,
    async: "the Python process (its event loop runs the tasks)",
    threads: result.options.spawn ? `each task's thread, around its body (${threads})` : `the pool's threads, around each task (${threads})`,
    processes: "the Python worker processes",
  }[result.model];
}

export function machineNote(m: MachineInfo): TableNote {
  return { text: `machine: ${m.cpuModel}, ${m.cores} cores, ${formatBytes(m.totalMemoryBytes)}, Node ${m.node}, V8 ${m.v8}, ${m.os}` };
}

/** "median of 3 runs (min–max)", or of each model's runs when they differ. */
export function medianOf(results: readonly ExperimentResult[]): string {
  const runs = results.map((r) => r.summary.wallMs.of);
  const of = runs.every((n) => n === runs[0]) ? plural(runs[0], "run") : "each model's runs";
  return `median of ${of}${runs.some((n) => n > 1) ? " (min–max)" : ""}`;
}

/** A caption, a grid and notes as text/plain (aligned columns) and text/html. */
export function tableBundle(parts: TableParts): TableBundle {
  const grid = [parts.header, ...parts.rows];
  const text = [parts.caption, textGrid(grid), ...parts.notes.map((n) => n.text)].join("\n");
  const cells = (r: string[], tag: string) => `<tr>${r.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join("")}</tr>`;
  const html =
    `<div class="conclab-result"><table><caption>${escapeHtml(parts.caption)}</caption>` +
    `<thead>${cells(grid[0], "th")}</thead><tbody>${parts.rows.map((r) => cells(r, "td")).join("")}</tbody></table>` +
    parts.notes.map((n) => (n.pre ? `<pre>${escapeHtml(n.text)}</pre>` : `<p>${escapeHtml(n.text)}</p>`)).join("") +
    `</div>`;
  return { "text/plain": text, "text/html": html };
}

/** The table of one or more experiments (one row per model) as text/plain and text/html. */
export function experimentTable(results: readonly ExperimentResult[]): TableBundle {
  const prefix = (r: ExperimentResult) => (results.length > 1 ? `${modelLabel(r)}: ` : "");
  return tableBundle({
    caption: `${[...new Set(results.map((r) => r.magicLine))].join(" | ")}: ${medianOf(results)}`,
    header: experimentHeader(results[0].options.tasks),
    rows: results.map(experimentRow),
    notes: [...results.flatMap((r) => experimentNotes(r, prefix(r))), machineNote(results[0].machine)],
  });
}

/** Rows of cells as aligned plain-text columns, two spaces apart (a missing cell is empty). */
export function textGrid(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => (row[c] ?? "").length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd()).join("\n");
}
