/// <reference lib="dom" />
/**
 * Notebook outputs rendered by JupyterLab's own code (RenderMimeRegistry with its standard
 * renderers and Sanitizer, OutputArea; see jupyterlab-page.ts) in chromium with the network cut
 * off, trusted and untrusted: a notebook the kernel runs here, its nbconvert HTML with JavaScript
 * off, and every committed notebook. Trusted, Plotly draws every chart; untrusted (how a notebook
 * from someone else opens), every chart shows its static image and the hint, and none is a blank box.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { PLOTLY_LIBRARY_CLASS } from "../../common/plotly-js";
import { STATIC_CHART_HINT } from "../../magics/render/plotly-html";
import { ARTIFACTS, artifact } from "./artifacts";
import { drawnCharts, savedFigures, savedOutputs, staticCharts, waitForCharts, type StaticChart } from "./drawn-charts";
import { itInBrowser } from "./it-in-browser";
import { renderInJupyterLab } from "./jupyterlab-page";
import type { CellOutput } from "./notebook-page";
import { runNbconvert } from "./notebook-server";
import { launchChromium, openOfflinePage } from "./offline-page";

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURE = path.join(__dirname, "charts.ipynb");
const COMMITTED = readdirSync(path.join(ROOT, "notebooks"))
  .filter((name) => name.endsWith(".ipynb"))
  .sort();

/** The fixture as the kernel of this worktree ran it, for the nbconvert test. */
let executedFixture: string | undefined;

/** What an untrusted chart must show: its static image and the hint, and no Plotly. */
const STATIC: StaticChart = { image: true, hint: STATIC_CHART_HINT, drawn: false };

/** Whether the outputs carry plotly.js itself (the output conclab sends before a session's first chart). */
function carriesPlotly(cells: readonly CellOutput[][]): boolean {
  return cells.some((outputs) => outputs.some((output) => String(output.data?.["text/html"] ?? "").includes(PLOTLY_LIBRARY_CLASS)));
}

/** Renders `notebook`'s outputs in JupyterLab's OutputArea, trusted or not, and checks every chart; a screenshot goes to test-artifacts/. */
async function expectChartsInJupyterLab(browser: Browser, notebook: string, trusted: boolean): Promise<void> {
  const cells = savedOutputs(notebook);
  const figures = savedFigures(notebook).flat();
  const { page, blocked, close } = await openOfflinePage(browser);
  try {
    await renderInJupyterLab(page, cells, trusted);
    const name = `jupyterlab-${path.basename(notebook, ".ipynb")}-${trusted ? "trusted" : "untrusted"}`;
    if (trusted && carriesPlotly(cells)) {
      await waitForCharts(page, 20_000);
      await page.screenshot({ path: artifact(`${name}.png`), fullPage: true });
      expect(await drawnCharts(page)).toEqual(figures);
    } else {
      // Untrusted, the sanitizer removed every script; trusted without plotly.js in the notebook, nothing can draw.
      const shown = await staticCharts(page);
      await page.screenshot({ path: artifact(`${name}.png`), fullPage: true });
      expect(shown).toEqual(figures.map(() => STATIC));
    }
    expect(blocked).toEqual([]);
  } finally {
    await close();
  }
}

describe("notebook outputs in JupyterLab's own rendering code, in chromium with the network cut off", () => {
  let browser: Browser | undefined;
  const chromium = async () => (browser ??= await launchChromium());
  afterAll(async () => browser?.close());

  itInBrowser(
    "the fixture as the kernel runs it: trusted, Plotly draws every chart; untrusted, each shows its static image and the hint",
    async (python) => {
      runNbconvert(python, ["--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=120", "--output-dir", ARTIFACTS, "--output", "charts-jupyterlab", FIXTURE], 120_000);
      const executed = artifact("charts-jupyterlab.ipynb");
      expect(carriesPlotly(savedOutputs(executed))).toBe(true);
      expect(savedFigures(executed).flat().length).toBeGreaterThanOrEqual(5);
      executedFixture = executed;
      await expectChartsInJupyterLab(await chromium(), executed, true);
      await expectChartsInJupyterLab(await chromium(), executed, false);
    },
    180_000,
  );

  itInBrowser(
    "nbconvert's HTML of that run, opened with JavaScript off, shows every chart's static image and the hint",
    async (python) => {
      if (!executedFixture) throw new Error("the JupyterLab test above executed no fixture to export (see its failure)");
      runNbconvert(python, ["--to", "html", "--output-dir", ARTIFACTS, "--output", "charts-jupyterlab", executedFixture], 30_000);
      const { page, close } = await openOfflinePage(await chromium(), undefined, { javaScript: false });
      try {
        await page.goto(pathToFileURL(artifact("charts-jupyterlab.html")).href);
        const shown = await staticCharts(page);
        await page.screenshot({ path: artifact("charts-jupyterlab-nbconvert-no-js.png"), fullPage: true });
        expect(shown).toEqual(savedFigures(executedFixture).flat().map(() => STATIC));
      } finally {
        await close();
      }
    },
    60_000,
  );

  // The committed notebooks show this once `npm start` re-executed them with a kernel that puts the static image in every chart.
  for (const name of COMMITTED) {
    const notebook = path.join(ROOT, "notebooks", name);
    itInBrowser(
      `notebooks/${name}: trusted, Plotly draws every chart where the notebook carries plotly.js; untrusted, every chart shows its static image and the hint`,
      async () => {
        await expectChartsInJupyterLab(await chromium(), notebook, true);
        await expectChartsInJupyterLab(await chromium(), notebook, false);
      },
      90_000,
    );
  }
});
