/**
 * A notebook as one self-contained HTML page: markdown rendered, code with its outputs, Plotly
 * figures drawn by plotly.js inlined once in the page (read from node_modules, never a CDN), so
 * the page works offline and can be attached to a CI run or mailed.
 */
import { formatMs } from "../common/units";
import { writeFileSync } from "node:fs";
import { stripVTControlCharacters } from "node:util";
import { escapeHtml, jsonForScript } from "../common/html-escape";
import { htmlPage } from "./html-page";
import { renderMarkdown } from "../common/markdown";
import { Cell, CodeCell, Notebook, Output } from "./nbformat";
import { MimeBundle } from "../common/mime-bundle";
import { CellRun, NotebookExecution } from "./notebook-runner";
import { PLOTLY_MIME, isPlotlyLibraryOutput, plotlyScript } from "../common/plotly-js";
import { failureHeadline, runHeadline } from "./run-summary";

const IMAGE_MIMES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

export interface ReportOptions {
  title: string;
  /** The notebook file, shown under the title. */
  sourcePath?: string;
  /** The run that produced the outputs: adds the status, per-cell times and marks the failed cell. */
  run?: Pick<NotebookExecution, "ok" | "cells" | "failure" | "startedAt" | "durationMs">;
}

/** Text as a terminal would leave it: ANSI codes removed, each line overwritten up to its last carriage return. */
function terminalText(text: string): string {
  return stripVTControlCharacters(text)
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => line.slice(line.lastIndexOf("\r") + 1))
    .join("\n");
}

const pre = (cls: string, text: string) => `<pre class="${cls}">${escapeHtml(terminalText(text))}</pre>`;

class ReportRenderer {
  private plotCount = 0;

  constructor(
    private readonly notebook: Notebook,
    private readonly cellRuns: Map<number, CellRun>,
    private readonly failedCell: number | undefined,
  ) {}

  get usesPlotly(): boolean {
    return this.plotCount > 0;
  }

  cells(): string {
    return this.notebook.cells.map((cell, index) => this.cell(cell, index)).join("\n");
  }

  private cell(cell: Cell, index: number): string {
    switch (cell.cell_type) {
      case "markdown":
        return `<section class="cell markdown" id="cell-${escapeHtml(cell.id)}"><div class="prompt"></div><div class="body">${renderMarkdown(cell.source, {
          resolveImage: (src) => attachmentUrl(src, cell.attachments),
        })}</div></section>`;
      case "raw":
        return `<section class="cell raw" id="cell-${escapeHtml(cell.id)}"><div class="prompt"></div><div class="body">${pre("raw", cell.source)}</div></section>`;
      case "code":
        return this.codeCell(cell, index);
    }
  }

  private codeCell(cell: CodeCell, index: number): string {
    const run = this.cellRuns.get(index);
    const failed = index === this.failedCell;
    const classes = ["cell", "code", failed ? "failed" : "", run?.status ?? ""].filter(Boolean).join(" ");
    const time = run && run.status !== "not-run" && run.status !== "skipped" ? `<span class="time">${formatMs(run.durationMs)}</span>` : "";
    const note =
      run?.status === "not-run" ? '<p class="note">not run: the run stopped before this cell</p>' : run?.status === "skipped" ? '<p class="note">skipped (empty, or tagged skip-execution)</p>' : "";
    const language = escapeHtml(this.notebook.metadata.language_info?.name ?? "typescript");
    return `<section class="${classes}" id="cell-${escapeHtml(cell.id)}">
<div class="prompt">In [${cell.execution_count ?? " "}]:${time}</div>
<div class="body"><pre class="source"><code class="language-${language}">${escapeHtml(cell.source)}</code></pre>${note}
${cell.outputs.map((output) => `<div class="output">${this.output(output)}</div>`).join("\n")}</div>
</section>`;
  }

  private output(output: Output): string {
    switch (output.output_type) {
      case "stream":
        return pre(output.name === "stderr" ? "stream stderr" : "stream", output.text);
      case "error":
        return pre("error", output.traceback.length ? output.traceback.join("\n") : `${output.ename}: ${output.evalue}`);
      case "display_data":
      case "execute_result":
        return this.mimeBundle(output.data, output.metadata);
    }
  }

  /** The richest representation a static page can show, in the order Jupyter's renderers prefer. */
  private mimeBundle(data: MimeBundle, metadata: Record<string, unknown>): string {
    if (data[PLOTLY_MIME] !== undefined) return this.plotlyFigure(data[PLOTLY_MIME]);
    // The page inlines plotly.js once in its head; the kernel's own copy of it would be a second.
    if (isPlotlyLibraryOutput(data)) return "";
    if (typeof data["text/html"] === "string") return data["text/html"];
    if (typeof data["image/svg+xml"] === "string") return data["image/svg+xml"];
    const image = IMAGE_MIMES.find((mime) => typeof data[mime] === "string");
    if (image) return imageTag(image, data[image] as string, metadata[image]);
    if (typeof data["text/markdown"] === "string") return `<div class="body">${renderMarkdown(data["text/markdown"])}</div>`;
    if (typeof data["text/latex"] === "string") return pre("latex", data["text/latex"]);
    if (data["application/json"] !== undefined) return pre("json", JSON.stringify(data["application/json"], null, 2));
    if (typeof data["text/plain"] === "string") return pre("text", data["text/plain"]);
    return `<p class="note">output of type ${escapeHtml(Object.keys(data).join(", ") || "(none)")} cannot be shown in a static page</p>`;
  }

  private plotlyFigure(figure: unknown): string {
    const id = `plotly-chart-${++this.plotCount}`;
    const fig = (figure ?? {}) as { data?: unknown; layout?: unknown; frames?: unknown; config?: Record<string, unknown> };
    const drawn = { data: fig.data ?? [], layout: fig.layout ?? {}, frames: fig.frames ?? [], config: { responsive: true, displaylogo: false, ...fig.config } };
    return `<div class="plotly-chart" id="${id}"></div>\n<script>Plotly.newPlot(${jsonForScript(id)}, ${jsonForScript(drawn)});</script>`;
  }
}

function imageTag(mime: string, base64: string, metadata: unknown): string {
  const size = (metadata ?? {}) as { width?: unknown; height?: unknown };
  const attrs = [typeof size.width === "number" ? ` width="${size.width}"` : "", typeof size.height === "number" ? ` height="${size.height}"` : ""].join("");
  return `<img src="data:${mime};base64,${base64.replace(/\s+/g, "")}"${attrs} alt="">`;
}

function attachmentUrl(src: string, attachments: Record<string, MimeBundle> | undefined): string {
  if (!src.startsWith("attachment:")) return src;
  const bundle = attachments?.[decodeURIComponent(src.slice("attachment:".length))];
  const mime = bundle && Object.keys(bundle).find((m) => m.startsWith("image/") && typeof bundle[m] === "string");
  if (!bundle || !mime) return src;
  const data = bundle[mime] as string;
  return mime === "image/svg+xml" ? `data:${mime};charset=utf-8,${encodeURIComponent(data)}` : `data:${mime};base64,${data.replace(/\s+/g, "")}`;
}

function header(notebook: Notebook, options: ReportOptions): string {
  const { run } = options;
  const status = run ? (run.ok ? "ok" : "failed") : "unknown";
  const headline = run ? escapeHtml(runHeadline(run)) : "outputs as saved in the notebook (not run for this report)";
  const meta = [
    options.sourcePath ? escapeHtml(options.sourcePath) : "",
    notebook.metadata.kernelspec ? `kernel: ${escapeHtml(notebook.metadata.kernelspec.display_name)}` : "",
    run ? `run at ${escapeHtml(run.startedAt.toISOString())}` : "",
  ].filter(Boolean);
  const failure = run?.failure
    ? `<p class="meta"><a href="#cell-${escapeHtml(run.failure.cellId ?? "")}">${escapeHtml(failureHeadline(run.failure))}</a></p>${run.failure.cellIndex === undefined ? pre("error", run.failure.evalue) : ""}`
    : "";
  return `<header class="page-header">
<h1>${escapeHtml(options.title)}</h1>
<p><span class="status ${status}">${status === "unknown" ? "saved" : status}</span> ${headline}</p>
<p class="meta">${meta.join(" · ")}</p>
${failure}
</header>`;
}

export function renderReport(notebook: Notebook, options: ReportOptions): string {
  const runs = new Map((options.run?.cells ?? []).map((cell) => [cell.index, cell]));
  const renderer = new ReportRenderer(notebook, runs, options.run?.failure?.cellIndex);
  const cells = renderer.cells();
  const head = renderer.usesPlotly ? `<script>${plotlyScript()}</script>` : "";
  return htmlPage({ title: options.title, head, body: `${header(notebook, options)}\n${cells}` });
}

export function writeReport(file: string, notebook: Notebook, options: ReportOptions): void {
  writeFileSync(file, renderReport(notebook, options));
}
