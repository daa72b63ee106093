/**
 * JupyterLab's own output rendering in a page of its own: jupyterlab-outputs.entry.ts bundled by
 * esbuild (with JupyterLab's rendermime, outputarea and apputils from node_modules) into
 * test-artifacts/jupyterlab/, loaded from file://, and given a notebook's outputs.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import type { CellOutput } from "./notebook-page";
import { artifact } from "./artifacts";

let built: Promise<string> | undefined;

/** The page that loads the bundle (built once per test run), as a file:// URL. */
function jupyterLabPage(): Promise<string> {
  built ??= (async () => {
    const bundle = artifact(path.join("jupyterlab", "outputs.js"));
    await build({
      entryPoints: [path.join(__dirname, "jupyterlab-outputs.entry.ts")],
      bundle: true,
      format: "iife",
      platform: "browser",
      outfile: bundle,
      logLevel: "error",
      // JupyterLab's icons are imported as SVG text; its styles are not needed to say what renders.
      loader: { ".svg": "text", ".css": "empty" },
      define: { "process.env.NODE_ENV": '"production"' },
    });
    const page = artifact(path.join("jupyterlab", "outputs.html"));
    writeFileSync(page, `<!doctype html><html><head><meta charset="utf-8"><title>JupyterLab outputs</title></head><body><script src="outputs.js"></script></body></html>`);
    return pathToFileURL(page).href;
  })();
  return built;
}

/**
 * Outputs as Jupyter's server hands them to JupyterLab: nbformat's rejoin_lines joins every
 * multiline string the file splits into lines (text, and each data value but JSON's).
 */
function asServerSends(cells: readonly CellOutput[][]): CellOutput[][] {
  const joined = (value: unknown) => (Array.isArray(value) && value.every((line) => typeof line === "string") ? value.join("") : value);
  return cells.map((outputs) =>
    outputs.map((output) => {
      const { data, text } = output as CellOutput & { text?: unknown };
      return {
        ...output,
        ...(text !== undefined ? { text: joined(text) } : {}),
        ...(data ? { data: Object.fromEntries(Object.entries(data).map(([mime, value]) => [mime, /json$/.test(mime) ? value : joined(value)])) } : {}),
      };
    }),
  );
}

/** Opens JupyterLab's rendering page in `page` and renders each code cell's outputs in an OutputArea of its own, trusted or not. */
export async function renderInJupyterLab(page: Page, cells: readonly CellOutput[][], trusted: boolean): Promise<void> {
  await page.goto(await jupyterLabPage());
  await page.evaluate(({ cells, trusted }) => (window as unknown as { renderCellOutputs(cells: unknown, trusted: boolean): void }).renderCellOutputs(cells, trusted), { cells: asServerSends(cells), trusted });
}
