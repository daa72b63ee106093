/**
 * Chart outputs that draw offline in every front end: the Plotly JSON (VS Code, nteract, JupyterLab
 * with the Plotly renderer), HTML that draws it with plotly.js from this package (classic Notebook,
 * JupyterLab, nbconvert's HTML), and a text/plain table. plotly.js itself goes out as an output of
 * its own before the first chart of each client session: a reloaded page is a new session.
 */
import type { MimeBundle } from "../../common/mime-bundle";
import { randomUUID } from "node:crypto";
import { jsonForScript } from "../../common/html-escape";
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

const NOT_LOADED_MESSAGE =
  "This chart needs plotly.js, which conclab sends with the first chart of each client session. " +
  "It is not in this page: the output that carried it was cleared, or the notebook is not trusted. " +
  "Trust the notebook, or reload the page (a new session gets plotly.js again), and run the cells again.";


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

/** A div and a script that draws `figure` in it as soon as both the div is in the page and window.Plotly is there. */
export function chartHtml(figure: PlotlyFigure, id = `conclab-chart-${randomUUID()}`): string {
  const drawn = { data: figure.data, layout: figure.layout ?? {}, frames: figure.frames ?? [], config: { responsive: true, displaylogo: false, ...(figure.config as object | undefined) } };
  return (
    `<div id="${id}" class="conclab-chart" style="min-height: 450px"></div>` +
    `<script type="text/javascript">(function () {` +
    `var id = ${jsonForScript(id)}, figure = ${jsonForScript(drawn)}, waited = 0;` +
    `(function draw() {` +
    `var div = document.getElementById(id);` +
    `if (div && window.Plotly) { window.Plotly.newPlot(div, figure); return; }` +
    `if ((waited += ${POLL_MS}) < ${WAIT_FOR_PLOTLY_MS}) { setTimeout(draw, ${POLL_MS}); return; }` +
    `if (div) { div.style.minHeight = ""; div.textContent = ${jsonForScript(NOT_LOADED_MESSAGE)}; }` +
    `})();` +
    `})();</script>`
  );
}

/** A chart's output: exactly the Plotly JSON, the HTML that draws it, and the table. */
export function chartBundle(figure: PlotlyFigure, text: string): MimeBundle {
  return { [PLOTLY_MIME]: figure, "text/html": chartHtml(figure), "text/plain": text };
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
