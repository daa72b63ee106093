/**
 * notebooks/00-start-here.ipynb, opened in classic Notebook as a reader who trusts it would open
 * it: Plotly draws every chart its committed outputs carry, with the network cut off.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { artifact } from "./artifacts";
import { drawnCharts, savedFigures, waitForCharts } from "./drawn-charts";
import { itInBrowser } from "./it-in-browser";
import { notebookTrusted, openNotebook, screenshotNotebook } from "./notebook-page";
import { startNotebookServer, stopNotebookServers } from "./notebook-server";
import { launchChromium, openOfflinePage } from "./offline-page";

const ROOT = path.resolve(__dirname, "..", "..");
const START_HERE = path.join(ROOT, "notebooks", "00-start-here.ipynb");

describe("notebooks/00-start-here.ipynb in chromium with the network cut off", () => {
  afterAll(stopNotebookServers);

  itInBrowser(
    "classic Notebook opens it trusted and Plotly draws every chart its committed outputs carry",
    async (python) => {
      if (!existsSync(START_HERE)) throw new Error(`${START_HERE} is missing: the start-here notebook, committed with its outputs (\`npm start\` executes it), is what this test opens`);
      const figures = savedFigures(START_HERE).flat();
      expect(figures.length).toBeGreaterThan(0);

      const server = await startNotebookServer(python, [START_HERE], { trusted: true });
      const browser = await launchChromium();
      try {
        const { page, blocked } = await openOfflinePage(browser, server.origin);
        await openNotebook(page, server.notebookUrl(path.basename(START_HERE)), 20_000);
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
