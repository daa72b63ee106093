/// <reference lib="dom" />
/**
 * notebooks/00-start-here.ipynb, opened in classic Notebook as a reader who trusts it would open
 * it, with the network cut off: as `conclab run` writes it (no plotly.js in it), no chart needs
 * plotly.js to show, and a chart cell run again draws interactively; as `conclab run
 * --interactive-notebooks` writes it (plotly.js before the first chart), Plotly draws every chart.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { PLOTLY_MIME } from "../../common/plotly-js";
import { plotlyLibraryBundle } from "../../magics/render/plotly-html";
import { CodeCell, Notebook, readNotebook, writeNotebook } from "../../notebook-runner/nbformat";
import { withoutPlotlyLibrary } from "../../notebook-runner/notebook-runner";
import { artifact } from "./artifacts";
import { drawnCharts, figureShape, figuresOf, savedFigures, waitForCharts } from "./drawn-charts";
import { itInBrowser } from "./it-in-browser";
import { codeCellOutputs, notebookTrusted, openNotebook, runCell, screenshotNotebook } from "./notebook-page";
import { startNotebookServer, stopNotebookServers } from "./notebook-server";
import { launchChromium, openOfflinePage } from "./offline-page";

const ROOT = path.resolve(__dirname, "..", "..");
const START_HERE = path.join(ROOT, "notebooks", "00-start-here.ipynb");
/** How long a chart waits for plotly.js before it gives up (WAIT_FOR_PLOTLY_MS in magics/render/plotly-html.ts), and some. */
const CHART_GIVES_UP_MS = 20_000;

const isChart = (cell: CodeCell) => cell.outputs.some((o) => o.output_type === "display_data" && o.data[PLOTLY_MIME] !== undefined);

/** The start-here notebook as `conclab run` writes it: without plotly.js, or with it before the first chart (--interactive-notebooks), as the kernel sends it. */
function asRunWrites(interactive: boolean, dir: string): string {
  if (!existsSync(START_HERE)) throw new Error(`${START_HERE} is missing: the start-here notebook, committed with its outputs (\`npm start\` executes it), is what this test opens`);
  const notebook: Notebook = withoutPlotlyLibrary(readNotebook(START_HERE));
  if (interactive) {
    const first = notebook.cells.find((cell): cell is CodeCell => cell.cell_type === "code" && isChart(cell));
    if (!first) throw new Error(`${START_HERE} has no chart output`);
    first.outputs.splice(first.outputs.findIndex((o) => o.output_type === "display_data" && o.data[PLOTLY_MIME] !== undefined), 0, { output_type: "display_data", data: plotlyLibraryBundle(), metadata: {} });
  }
  const file = path.join(dir, path.basename(START_HERE));
  writeNotebook(file, notebook);
  return file;
}

/** Whether each conclab chart in the page shows something (a drawing, an image or words), not a blank box. */
function chartsShowSomething(page: Page): Promise<boolean[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll("div.conclab-chart")).map((div) => div.querySelector("svg, img") !== null || (div.textContent ?? "").trim() !== ""));
}

describe("notebooks/00-start-here.ipynb in chromium with the network cut off", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "conclab-start-here-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(stopNotebookServers);

  itInBrowser(
    "as conclab run writes it, without plotly.js: classic Notebook shows every chart without Plotly, and a chart cell run again draws with it",
    async (python) => {
      const file = asRunWrites(false, dir);
      const figures = savedFigures(file);
      expect(figures.flat().length).toBeGreaterThan(0);
      const notebook = readNotebook(file);
      // The first chart cell: a self-contained magic cell, so running it again needs no earlier cell.
      const rerun = notebook.cells.findIndex((cell) => cell.cell_type === "code" && isChart(cell) && cell.source.startsWith("%%") && !cell.source.includes("--input"));
      expect(rerun).toBeGreaterThanOrEqual(0);

      const server = await startNotebookServer(python, [file], { trusted: true });
      const browser = await launchChromium();
      try {
        const { page, blocked } = await openOfflinePage(browser, server.origin);
        await openNotebook(page, server.notebookUrl(path.basename(file)), 20_000);
        await waitForCharts(page, CHART_GIVES_UP_MS);
        const opened = await drawnCharts(page);
        const shown = await chartsShowSomething(page);
        await screenshotNotebook(page, artifact("start-here-notebook-static.png"));

        await runCell(page, rerun, 60_000);
        await waitForCharts(page, 15_000);
        const drawn = await drawnCharts(page);
        const codeIndex = notebook.cells.slice(0, rerun).filter((cell) => cell.cell_type === "code").length;
        const rerunFigures = figuresOf((await codeCellOutputs(page))[codeIndex]).map(figureShape);
        await screenshotNotebook(page, artifact("start-here-notebook-rerun.png"));

        expect(await notebookTrusted(page)).toBe(true);
        expect(opened).toEqual(figures.flat().map(() => null));
        expect(shown).toEqual(figures.flat().map(() => true));
        const before = figures.slice(0, codeIndex).flat().length;
        expect(rerunFigures.length).toBeGreaterThan(0);
        expect(drawn).toEqual([...opened.slice(0, before), ...rerunFigures, ...opened.slice(before + figures[codeIndex].length)]);
        expect(blocked).toEqual([]);
      } finally {
        await browser.close();
        await server.stop();
      }
    },
    150_000,
  );

  itInBrowser(
    "as conclab run --interactive-notebooks writes it: classic Notebook opens it trusted and Plotly draws every chart its outputs carry",
    async (python) => {
      const file = asRunWrites(true, dir);
      const figures = savedFigures(file).flat();
      expect(figures.length).toBeGreaterThan(0);

      const server = await startNotebookServer(python, [file], { trusted: true });
      const browser = await launchChromium();
      try {
        const { page, blocked } = await openOfflinePage(browser, server.origin);
        await openNotebook(page, server.notebookUrl(path.basename(file)), 20_000);
        await waitForCharts(page, 20_000);
        const drawn = await drawnCharts(page);
        await screenshotNotebook(page, artifact("start-here-notebook.png"));

        expect(await notebookTrusted(page)).toBe(true);
        expect(drawn).toEqual(figures);
        expect(blocked).toEqual([]);
      } finally {
        await browser.close();
        await server.stop();
      }
    },
    60_000,
  );
});
