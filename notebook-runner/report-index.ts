/** The index page of a report folder: one row per notebook with its status, time and a link to its report. */
import { formatMs } from "../common/units";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { escapeHtml } from "../common/html-escape";
import { htmlPage } from "./html-page";

export interface IndexEntry {
  title: string;
  notebookPath: string;
  /** The notebook's report page; absent when none could be written (e.g. the notebook was unreadable). */
  reportFile?: string;
  ok: boolean;
  durationMs: number;
  /** One line: what ran, or what failed. */
  summary: string;
}

export function renderIndex(dir: string, reports: IndexEntry[]): string {
  const failed = reports.filter((r) => !r.ok).length;
  const rows = reports.map((report) => {
    const title = escapeHtml(report.title);
    const link = report.reportFile ? `<a href="${escapeHtml(path.relative(dir, report.reportFile).split(path.sep).map(encodeURIComponent).join("/"))}">${title}</a>` : title;
    const status = report.ok ? "ok" : "failed";
    return `<tr><td>${link}<br><span class="meta">${escapeHtml(report.notebookPath)}</span></td><td><span class="status ${status}">${status}</span></td><td class="time">${formatMs(report.durationMs)}</td><td>${escapeHtml(report.summary)}</td></tr>`;
  });
  const total = reports.reduce((sum, r) => sum + r.durationMs, 0);
  const headline = `${reports.length} notebook${reports.length === 1 ? "" : "s"}, ${failed === 0 ? "all ok" : `${failed} failed`}, ${formatMs(total)} in all`;
  return htmlPage({
    title: "conclab notebook reports",
    body: `<header class="page-header"><h1>Notebook reports</h1><p><span class="status ${failed ? "failed" : "ok"}">${failed ? "failed" : "ok"}</span> ${escapeHtml(headline)}</p><p class="meta">written ${escapeHtml(new Date().toISOString())}</p></header>
<table class="index">
<thead><tr><th>notebook</th><th>status</th><th>time</th><th>summary</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`,
  });
}

/** Writes `dir/index.html` (creating `dir`) and returns its path. */
export function writeIndex(dir: string, reports: IndexEntry[]): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "index.html");
  writeFileSync(file, renderIndex(dir, reports));
  return file;
}
