import { escapeHtml } from "../../common/html-escape";
import type { ExperimentResult, MachineInfo, Spread } from "../result/experiment-result";
import { formatBytes, formatMs } from "../../common/units";

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
  return ["model", "wall", "CPU (user+sys)", "peak RSS above baseline", "main loop delay p99", tasks === undefined ? "tasks" : `tasks of ${tasks}`];
}

export function experimentRow(result: ExperimentResult): string[] {
  const s = result.summary;
  return [
    result.model + (result.options.spawn ? " (spawn)" : ""),
    spreadText(s.wallMs, formatMs),
    spreadText(s.cpuMs, formatMs),
    spreadText(s.peakRssAboveBaselineBytes, formatBytes),
    spreadText(s.loopDelayP99Ms, formatMs),
    `${s.tasksOk} ok, ${s.tasksFailed} failed`,
  ];
}

/** Lines under the table for one experiment: start-up, time-out, failed tasks; each begins with `prefix` (e.g. "threads: "). */
export function experimentNotes(result: ExperimentResult, prefix = ""): TableNote[] {
  const lines: TableNote[] = [];
  const { startup } = result;
  if (startup?.perTaskMs) {
    lines.push({ text: `${prefix}start-up: ${startup.what}: each task's worker took ${spreadText(startup.perTaskMs, formatMs)} to start (median and range over ${plural(startup.perTaskMs.of, "task")}), included in the task times` });
  } else if (startup) {
    const rss = startup.rssAboveBaselineBytes === undefined ? "" : `, +${formatBytes(startup.rssAboveBaselineBytes)} RSS`;
    lines.push({ text: `${prefix}start-up: ${startup.what} ready in ${formatMs(startup.wallMs)}${rss} (not in the times above)` });
  }
  if (result.state === "timed-out") {
    lines.push({ text: `${prefix}TIMED OUT: run ${result.timeout.run + 1} passed --timeout ${result.timeout.seconds} s with ${plural(result.timeout.unfinished, "task")} unfinished; the runs after it did not start` });
  }
  const last = result.runs[result.runs.length - 1];
  if (last && last.failures.length > 0) {
    lines.push({ text: `${prefix}failed tasks (last run):` });
    for (const f of last.failures.slice(0, FAILURES_SHOWN)) lines.push({ text: `task ${f.index}: ${f.stack}`, pre: true });
    if (last.failures.length > FAILURES_SHOWN) lines.push({ text: `... and ${last.failures.length - FAILURES_SHOWN} more: see .runs[${result.runs.length - 1}].failures` });
  }
  return lines;
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
  const prefix = (r: ExperimentResult) => (results.length > 1 ? `${r.model}${r.options.spawn ? " (spawn)" : ""}: ` : "");
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
