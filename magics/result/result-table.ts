import { escapeHtml } from "../../kernel/runner/html-escape";
import type { ExperimentResult, Spread } from "./experiment-result";
import { formatBytes, formatMs } from "./format-units";

const FAILURES_SHOWN = 5;

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function spreadText(s: Spread, format: (n: number) => string): string {
  return s.of > 1 ? `${format(s.median)} (${format(s.min)}–${format(s.max)})` : format(s.median);
}

function header(result: ExperimentResult): string[] {
  return ["model", "wall", "CPU (user+sys)", "peak RSS above baseline", "main loop delay p99", `tasks of ${result.options.tasks}`];
}

function row(result: ExperimentResult): string[] {
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

/** Lines under the table: start-up, time-out, failed tasks, the machine. */
function notes(result: ExperimentResult): { text: string; pre?: boolean }[] {
  const lines: { text: string; pre?: boolean }[] = [];
  const { startup } = result;
  if (startup?.perTaskMs) {
    lines.push({ text: `start-up: ${startup.what}: each task's worker took ${spreadText(startup.perTaskMs, formatMs)} to start (median and range over ${plural(startup.perTaskMs.of, "task")}), included in the task times` });
  } else if (startup) {
    const rss = startup.rssAboveBaselineBytes === undefined ? "" : `, +${formatBytes(startup.rssAboveBaselineBytes)} RSS`;
    lines.push({ text: `start-up: ${startup.what} ready in ${formatMs(startup.wallMs)}${rss} (not in the times above)` });
  }
  if (result.state === "timed-out") {
    lines.push({ text: `TIMED OUT: run ${result.timeout.run + 1} passed --timeout ${result.timeout.seconds} s with ${plural(result.timeout.unfinished, "task")} unfinished; the runs after it did not start` });
  }
  const last = result.runs[result.runs.length - 1];
  if (last && last.failures.length > 0) {
    lines.push({ text: `failed tasks (last run):` });
    for (const f of last.failures.slice(0, FAILURES_SHOWN)) lines.push({ text: `task ${f.index}: ${f.stack}`, pre: true });
    if (last.failures.length > FAILURES_SHOWN) lines.push({ text: `... and ${last.failures.length - FAILURES_SHOWN} more: see .runs[${result.runs.length - 1}].failures` });
  }
  const m = result.machine;
  lines.push({ text: `machine: ${m.cpuModel}, ${m.cores} cores, ${formatBytes(m.totalMemoryBytes)}, Node ${m.node}, V8 ${m.v8}, ${m.os}` });
  return lines;
}

function caption(results: readonly ExperimentResult[]): string {
  const runs = results.map((r) => r.summary.wallMs.of);
  const of = runs.every((n) => n === runs[0]) ? plural(runs[0], "run") : "each model's runs";
  return `${results.map((r) => r.magicLine).join(" | ")}: median of ${of}${runs.some((n) => n > 1) ? " (min–max)" : ""}`;
}

/** The table of one or more experiments (one row per model) as text/plain and text/html. */
export function experimentTable(results: readonly ExperimentResult[]): { "text/plain": string; "text/html": string } {
  const grid = [header(results[0]), ...results.map(row)];
  const widths = grid[0].map((_, c) => Math.max(...grid.map((r) => r[c].length)));
  const allNotes = results.flatMap(notes);
  const text = [caption(results), ...grid.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd()), ...allNotes.map((n) => n.text)].join("\n");
  const cells = (r: string[], tag: string) => `<tr>${r.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join("")}</tr>`;
  const html =
    `<div class="conclab-result"><table><caption>${escapeHtml(caption(results))}</caption>` +
    `<thead>${cells(grid[0], "th")}</thead><tbody>${grid.slice(1).map((r) => cells(r, "td")).join("")}</tbody></table>` +
    allNotes.map((n) => (n.pre ? `<pre>${escapeHtml(n.text)}</pre>` : `<p>${escapeHtml(n.text)}</p>`)).join("") +
    `</div>`;
  return { "text/plain": text, "text/html": html };
}
