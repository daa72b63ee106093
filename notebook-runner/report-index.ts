/**
 * The index page of a report folder: one row per notebook with its status, time, a link to its
 * report, and the scorecard of its verdicts (each claim judged, what the article says of it, and
 * whether it held), read from the verdict outputs of the notebook as it ran.
 */
import { formatMs } from "../common/units";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { escapeHtml } from "../common/html-escape";
import { ARTICLE_CLAIMS, HOLDS_COLOURS, holdsLabel } from "../common/verdict-output";
import { htmlPage } from "./html-page";
import { ShownVerdict } from "./shown-verdicts";

export interface IndexEntry {
  title: string;
  notebookPath: string;
  /** The notebook's report page; absent when none could be written (e.g. the notebook was unreadable). */
  reportFile?: string;
  ok: boolean;
  durationMs: number;
  /** One line: what ran, or what failed. */
  summary: string;
  /** The verdicts its outputs show, in notebook order. */
  verdicts: ShownVerdict[];
}

/** One line: the outcome, the claims (linked to the verdict's cell in the report), the runtime its figures came from, and what the article says of them. */
function verdictLine(verdict: ShownVerdict, reportHref: string | undefined): string {
  const label = holdsLabel(verdict.holds);
  const claims = escapeHtml(verdict.claims.join(", "));
  const linked = reportHref ? `<a href="${reportHref}#cell-${escapeHtml(encodeURIComponent(verdict.cellId))}">${claims}</a>` : claims;
  const says = verdict.claims.flatMap((claim) => ARTICLE_CLAIMS[claim] ?? []).join("; ");
  const on = verdict.on ? ` <span class="meta">on ${escapeHtml(verdict.on)}</span>` : "";
  return `<li><span class="holds" style="background:${HOLDS_COLOURS[label]}">${label}</span> <b>${linked}</b>${on}${says ? ` ${escapeHtml(says)}` : ""}</li>`;
}

/** "21 verdicts: 14 holds, 6 holds in part, 1 does not hold", or "" when no notebook showed one. */
function tally(verdicts: ShownVerdict[]): string {
  if (verdicts.length === 0) return "";
  const counts = new Map<string, number>();
  for (const verdict of verdicts) counts.set(holdsLabel(verdict.holds), (counts.get(holdsLabel(verdict.holds)) ?? 0) + 1);
  return `${verdicts.length} verdict${verdicts.length === 1 ? "" : "s"}: ${[...counts].map(([label, n]) => `${n} ${label}`).join(", ")}`;
}

export function renderIndex(dir: string, reports: IndexEntry[]): string {
  const failed = reports.filter((r) => !r.ok).length;
  const rows = reports.map((report) => {
    const title = escapeHtml(report.title);
    const href = report.reportFile ? escapeHtml(path.relative(dir, report.reportFile).split(path.sep).map(encodeURIComponent).join("/")) : undefined;
    const link = href ? `<a href="${href}">${title}</a>` : title;
    const status = report.ok ? "ok" : "failed";
    const verdicts = report.verdicts.length ? `<ul class="verdicts">${report.verdicts.map((v) => verdictLine(v, href)).join("")}</ul>` : '<span class="meta">none shown</span>';
    return `<tr><td>${link}<br><span class="meta">${escapeHtml(report.notebookPath)}</span></td><td><span class="status ${status}">${status}</span></td><td class="time">${formatMs(report.durationMs)}</td><td>${escapeHtml(report.summary)}</td><td>${verdicts}</td></tr>`;
  });
  const total = reports.reduce((sum, r) => sum + r.durationMs, 0);
  const headline = `${reports.length} notebook${reports.length === 1 ? "" : "s"}, ${failed === 0 ? "all ok" : `${failed} failed`}, ${formatMs(total)} in all`;
  const scorecard = tally(reports.flatMap((r) => r.verdicts));
  return htmlPage({
    title: "conclab notebook reports",
    body: `<header class="page-header"><h1>Notebook reports</h1><p><span class="status ${failed ? "failed" : "ok"}">${failed ? "failed" : "ok"}</span> ${escapeHtml(headline)}</p>${scorecard ? `<p>${escapeHtml(scorecard)}, computed by the notebooks' verdict cells in this run</p>` : ""}<p class="meta">written ${escapeHtml(new Date().toISOString())}</p></header>
<table class="index">
<thead><tr><th>notebook</th><th>status</th><th>time</th><th>summary</th><th>claims and verdicts</th></tr></thead>
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
