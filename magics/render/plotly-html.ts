/**
 * Chart outputs that draw offline in every front end: the Plotly JSON (VS Code, nteract, JupyterLab
 * with the Plotly renderer), HTML that draws it with plotly.js from this package (classic Notebook,
 * JupyterLab, nbconvert's HTML) and shows a static SVG of it where scripts do not run (an untrusted
 * notebook, nbconvert without JavaScript, GitHub), that SVG as image/svg+xml, and a text/plain table. plotly.js itself goes out as an output of
 * its own before the first chart of each client session: a reloaded page is a new session.
 */
import type { MimeBundle } from "../../common/mime-bundle";
import { randomUUID } from "node:crypto";
import { escapeHtml, jsonForScript } from "../../common/html-escape";
import { staticChartSvg } from "./static-chart";
import { PLOTLY_LIBRARY_CLASS, PLOTLY_MIME, plotlyScript } from "../../common/plotly-js";

export { PLOTLY_MIME } from "../../common/plotly-js";

/** What Plotly.newPlot takes: our Figure, or a user's figure with optional layout, config and frames. */
export interface PlotlyFigure {
  data: unknown[];
  layout?: unknown;
  config?: unknown;
  frames?: unknown;
}

/** How long a chart waits for plotly.js (a saved notebook renders the library's output first, but parsing 4 MB takes a moment). */
const WAIT_FOR_PLOTLY_MS = 15_000;
const POLL_MS = 50;

/**
 * Under the static image, in the HTML itself (where scripts do not run, no script can write it);
 * the chart's script removes it when plotly.js draws.
 */
export const STATIC_CHART_HINT =
  "A static image of this chart. To get the interactive chart, trust the notebook, or run the cell again " +
  "(conclab sends plotly.js with the first chart of each client session).";
const NO_STATIC_HINT =
  "This chart needs plotly.js, which is not in this page: trust the notebook, or run the cell again " +
  "(conclab sends plotly.js with the first chart of each client session).";

/** Class names of a chart output's HTML, which tests and reports rely on. */
export const CHART_CLASSES = { chart: "conclab-chart", staticImage: "conclab-chart-static", hint: "conclab-chart-hint" } as const;

/**
 * plotly.js as an inline script that sets window.Plotly whatever module system the page has:
 * `define`, `module` and `exports` are shadowed, so requirejs (classic Notebook, nbconvert) or a
 * CommonJS-like page cannot take the bundle as a module instead of a global.
 */
export function plotlyLibraryHtml(): string {
  return (
    `<script type="text/javascript" class="${PLOTLY_LIBRARY_CLASS}">` +
    `(function (define, module, exports) {\n${plotlyScript()}\n}).call(window);` +
    `</script>`
  );
}

/**
 * The output that carries plotly.js: text/html only, so a front end without HTML shows nothing for
 * it (jupyter console prints an output's text/plain, and skips one without).
 */
export function plotlyLibraryBundle(): MimeBundle {
  return { "text/html": plotlyLibraryHtml() };
}

/**
 * The static part of a chart: the SVG as an <img> (a data: URL: JupyterLab's and classic
 * Notebook's sanitizers keep an <img> and its src, and drop an inline <svg>), and the hint.
 */
function staticChartHtml(figure: PlotlyFigure, svg: string | undefined): string {
  const hint = `<div class="${CHART_CLASSES.hint}" style="font-size: 12px; color: #666">${escapeHtml(svg ? STATIC_CHART_HINT : NO_STATIC_HINT)}</div>`;
  if (!svg) return hint;
  const title = (figure.layout as { title?: { text?: unknown } } | undefined)?.title?.text;
  const alt = typeof title === "string" ? title : "chart";
  return `<img class="${CHART_CLASSES.staticImage}" alt="${escapeHtml(alt)}" style="max-width: 100%; height: auto" src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}">` + hint;
}

/**
 * A div that holds the static image and the hint, and a script that replaces them with the Plotly
 * chart as soon as both the div is in the page and window.Plotly is there. Without plotly.js the
 * static image and its hint stay.
 */
export function chartHtml(figure: PlotlyFigure, svg = staticChartSvg(figure), id = `conclab-chart-${randomUUID()}`): string {
  const drawn = { data: figure.data, layout: figure.layout ?? {}, frames: figure.frames ?? [], config: { responsive: true, displaylogo: false, ...(figure.config as object | undefined) } };
  return (
    `<div id="${id}" class="${CHART_CLASSES.chart}">${staticChartHtml(figure, svg)}</div>` +
    `<script type="text/javascript">(function () {` +
    `var id = ${jsonForScript(id)}, figure = ${jsonForScript(drawn)}, waited = 0;` +
    `(function draw() {` +
    `var div = document.getElementById(id);` +
    `if (div && window.Plotly) { div.textContent = ""; window.Plotly.newPlot(div, figure); return; }` +
    `if ((waited += ${POLL_MS}) < ${WAIT_FOR_PLOTLY_MS}) setTimeout(draw, ${POLL_MS});` +
    `})();` +
    `})();</script>`
  );
}

/** A chart's output: the Plotly JSON, the HTML that draws it (static image inside), the static SVG where there is one, and the table. */
export function chartBundle(figure: PlotlyFigure, text: string): MimeBundle {
  const svg = staticChartSvg(figure);
  return { [PLOTLY_MIME]: figure, "text/html": chartHtml(figure, svg), ...(svg ? { "image/svg+xml": svg } : {}), "text/plain": text };
}

/**
 * Which client sessions (the `session` of a request's header) have been sent plotly.js. A page
 * that reloads, or a second front end on the kernel, comes with a session of its own and has not
 * got it, though the kernel sent it before.
 */
export class PlotlySessions {
  private readonly sent = new Set<string>();

  /** plotly.js's output the first time `clientSession` asks, then nothing. */
  libraryFor(clientSession: string): MimeBundle | undefined {
    if (this.sent.has(clientSession)) return undefined;
    this.sent.add(clientSession);
    return plotlyLibraryBundle();
  }
}

/** This kernel process's: one for the magics and conclab's display.plotly alike. */
export const kernelPlotlySessions = new PlotlySessions();

/** The outputs that show `charts` to `clientSession`: plotly.js first if that session has not had it, then one bundle per chart. */
export function chartOutputs(charts: readonly { figure: PlotlyFigure; text: string }[], clientSession: string, sessions: PlotlySessions = kernelPlotlySessions): MimeBundle[] {
  if (charts.length === 0) return [];
  const library = sessions.libraryFor(clientSession);
  return [...(library ? [library] : []), ...charts.map((chart) => chartBundle(chart.figure, chart.text))];
}
