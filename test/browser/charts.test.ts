/// <reference lib="dom" />
/**
 * The charts draw in a real browser with the network cut off: the fixture notebook run in classic
 * Notebook, then the HTML nbconvert makes of the notebook that run saved. Screenshots, the executed
 * notebook and its HTML go to test-artifacts/.
 */
import { copyFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { ARTIFACTS, artifact } from "./artifacts";
import { drawnCharts, figureShape, figuresOf, savedFigures, staticCharts, waitForCharts, type ChartShape } from "./drawn-charts";
import { itInBrowser } from "./it-in-browser";
import { codeCellOutputs, openNotebook, runAllCells, saveNotebook, screenshotNotebook, type CellOutput } from "./notebook-page";
import { runNbconvert, startNotebookServer, stopNotebookServers } from "./notebook-server";
import { STATIC_CHART_HINT } from "../../magics/render/plotly-html";
import { launchChromium, openOfflinePage } from "./offline-page";

const FIXTURE = path.join(__dirname, "charts.ipynb");
/** The fixture's --tasks: every timeline has a bar per task. */
const TASKS = 8;
/** The fixture's %%threads --workers: its timeline has at most that many lanes. */
const WORKERS = 2;

/** The executed fixture the Notebook test saved, for the nbconvert test. */
let executedNotebook: string | undefined;

function errorsIn(cells: readonly CellOutput[][]): string[] {
  return cells.flatMap((outputs, cell) => outputs.filter((o) => o.output_type === "error").map((o) => `code cell ${cell + 1}: ${o.ename}: ${o.evalue}`));
}

/** %%compare's default --models: one timeline each, and a bar each in every subplot of the bars chart. */
const COMPARE_MODELS = ["sync", "async", "threads"];

/** A title as ChartShape has it: without whitespace. */
const shapeTitle = (title: string) => title.replace(/\s+/g, "");

/** A chart whose title holds `title`, with these bars per trace. */
function chartLike(title: string, barsPerTrace: number[]) {
  return expect.objectContaining({ title: expect.stringContaining(shapeTitle(title)), barsPerTrace });
}

/** What the fixture's cells must chart, checked on the figures their outputs carry. */
function expectFixtureCharts(cells: readonly ChartShape[][]): void {
  const [compare, threads, displayed] = cells;
  // %%compare: bars (a subplot each for wall, CPU and peak RSS, with a bar per model), and a timeline per model with a bar per task.
  const bars = chartLike("Wall time, CPU time and peak memory per model", ["wall", "CPU", "peak RSS"].map(() => COMPARE_MODELS.length));
  const timelines = COMPARE_MODELS.map((model) => chartLike(`Task timeline of ${model},`, [TASKS]));
  expect(compare).toEqual(expect.arrayContaining([bars, ...timelines]));
  // %%threads: a timeline with a bar per task, in a lane per worker that ran some.
  expect(threads).toEqual(expect.arrayContaining([chartLike("Task timeline of threads,", [TASKS])]));
  const lanes = threads.find((chart) => chart.title.includes(shapeTitle("Task timeline of threads,")))?.lanes ?? [];
  expect(lanes.length).toBeGreaterThanOrEqual(1);
  expect(lanes.length).toBeLessThanOrEqual(WORKERS);
  // conclab's display.plotly from a plain cell.
  expect(displayed).toEqual([chartLike("A figure from display.plotly", [3])]);
}

/** The URLs that nbconvert's page itself links (scripts, stylesheets), outside the notebook's outputs. */
function linksOutsideOutputs(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>("script[src], link[href]"))
      .filter((element) => element.closest(".jp-OutputArea, .output_area") === null)
      .map((element) => ("src" in element ? element.src : element.href)),
  );
}

describe("charts in chromium with the network cut off", () => {
  afterAll(stopNotebookServers);

  itInBrowser(
    "classic Notebook runs the fixture: Plotly draws every chart its cells output, and nothing comes from the network",
    async (python) => {
      const server = await startNotebookServer(python, [FIXTURE]);
      const browser = await launchChromium();
      try {
        const { page, blocked } = await openOfflinePage(browser, server.origin);
        await openNotebook(page, server.notebookUrl("charts.ipynb"), 20_000);
        await runAllCells(page, 45_000);
        await waitForCharts(page, 15_000);
        const outputs = await codeCellOutputs(page);
        const drawn = await drawnCharts(page);
        await screenshotNotebook(page, artifact("charts-notebook.png"));
        await saveNotebook(page);
        executedNotebook = artifact("charts-executed.ipynb");
        copyFileSync(path.join(server.notebookDir, "charts.ipynb"), executedNotebook);

        expect(errorsIn(outputs)).toEqual([]);
        const figures = outputs.map((cell) => figuresOf(cell).map(figureShape));
        expect(drawn).toEqual(figures.flat());
        expect(blocked).toEqual([]);
        expect(savedFigures(executedNotebook)).toEqual(figures);
        expectFixtureCharts(figures);
      } finally {
        await browser.close();
        await server.stop();
      }
    },
    90_000,
  );

  itInBrowser(
    "nbconvert's HTML of the notebook that run saved draws the same charts, opened from file:// with all network blocked",
    async (python) => {
      if (!executedNotebook) throw new Error("the classic Notebook test saved no executed notebook to export (see its failure above)");
      runNbconvert(python, ["--to", "html", "--output-dir", ARTIFACTS, "--output", "charts-executed", executedNotebook], 30_000);
      const browser = await launchChromium();
      try {
        const html = artifact("charts-executed.html");

        const { page, blocked } = await openOfflinePage(browser);
        await page.goto(pathToFileURL(html).href);
        await waitForCharts(page, 15_000);
        const drawn = await drawnCharts(page);
        await page.screenshot({ path: artifact("charts-nbconvert.png"), fullPage: true });

        const figures = savedFigures(executedNotebook);
        expect(drawn).toEqual(figures.flat());
        // Debian's nbconvert links require.js and MathJax as local files; another's template links a CDN, which is not ours to judge.
        const templateLinks = await linksOutsideOutputs(page);
        expect(blocked.filter((url) => !templateLinks.includes(url))).toEqual([]);
        expectFixtureCharts(figures);
      } finally {
        await browser.close();
      }
    },
    45_000,
  );

  itInBrowser(
    "classic Notebook opens the notebook that run saved as another reader would, untrusted: every chart shows its static image and the hint",
    async (python) => {
      if (!executedNotebook) throw new Error("the classic Notebook test saved no executed notebook to open (see its failure above)");
      const server = await startNotebookServer(python, [executedNotebook]);
      const browser = await launchChromium();
      try {
        const { page, blocked } = await openOfflinePage(browser, server.origin);
        await openNotebook(page, server.notebookUrl(path.basename(executedNotebook)), 20_000);
        const shown = await staticCharts(page);
        await screenshotNotebook(page, artifact("charts-notebook-untrusted.png"));

        expect(shown).toEqual(savedFigures(executedNotebook).flat().map(() => ({ image: true, hint: STATIC_CHART_HINT, drawn: false })));
        expect(blocked).toEqual([]);
      } finally {
        await browser.close();
        await server.stop();
      }
    },
    60_000,
  );
});
