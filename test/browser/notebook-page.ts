/// <reference lib="dom" />
/**
 * Drives a notebook open in classic Notebook (6.x) through its page's `Jupyter` global: wait for
 * the kernel, run all cells, read the outputs, save.
 */
import type { Page } from "playwright-core";

/** The part of classic Notebook's page API these tests use (notebook/static/notebook/js). */
interface ClassicCell {
  cell_type: string;
  get_text(): string;
  execute(): void;
  output_area?: { toJSON(): CellOutput[]; unscroll_area(): void };
}
declare const Jupyter: {
  notebook?: {
    kernel?: { is_connected(): boolean; info_reply?: { status?: string } } | null;
    events: { on(event: string, handler: () => void): void };
    get_cells(): ClassicCell[];
    get_cell(index: number): ClassicCell | null;
    execute_all_cells(): void;
    save_notebook(): Promise<unknown>;
    trusted: boolean;
  };
};

/** Chromium's limit for a screenshot's side is 16384 px. */
const MAX_SCREENSHOT_HEIGHT = 16_000;

export interface CellOutput {
  output_type: string;
  ename?: string;
  evalue?: string;
  data?: Record<string, unknown>;
}

/** Opens `url` and resolves once the notebook's kernel has answered kernel_info. */
export async function openNotebook(page: Page, url: string, timeoutMs: number): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const kernel = typeof Jupyter === "undefined" ? undefined : Jupyter.notebook?.kernel;
      return kernel != null && kernel.is_connected() && kernel.info_reply?.status === "ok";
    },
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
}

/** Runs every cell (Cell > Run All) and resolves once each code cell has finished, its outputs included (the kernel went idle for it). */
export async function runAllCells(page: Page, timeoutMs: number): Promise<void> {
  await page.evaluate(
    (timeout) =>
      new Promise<void>((resolve, reject) => {
        const notebook = Jupyter.notebook;
        if (!notebook) return reject(new Error("the page has no notebook"));
        const codeCells = notebook.get_cells().filter((cell) => cell.cell_type === "code" && cell.get_text().trim() !== "").length;
        let finished = 0;
        // Triggered when the kernel reports idle for a cell's request: all its outputs have arrived.
        notebook.events.on("finished_execute.CodeCell", () => {
          if (++finished === codeCells) resolve();
        });
        setTimeout(() => reject(new Error(`${finished} of ${codeCells} code cells finished within ${timeout} ms`)), timeout);
        notebook.execute_all_cells();
      }),
    timeoutMs,
  );
}

/** Runs the cell at `index` (of all cells) and resolves once it has finished, its outputs included. */
export async function runCell(page: Page, index: number, timeoutMs: number): Promise<void> {
  await page.evaluate(
    ([at, timeout]) =>
      new Promise<void>((resolve, reject) => {
        const cell = Jupyter.notebook?.get_cell(at);
        if (!cell || cell.cell_type !== "code") return reject(new Error(`cell ${at} of the notebook is not a code cell`));
        Jupyter.notebook?.events.on("finished_execute.CodeCell", () => resolve());
        setTimeout(() => reject(new Error(`cell ${at} did not finish within ${timeout} ms`)), timeout);
        cell.execute();
      }),
    [index, timeoutMs] as const,
  );
}

/** The outputs of each code cell, as the notebook would save them. */
export function codeCellOutputs(page: Page): Promise<CellOutput[][]> {
  return page.evaluate(() => (Jupyter.notebook?.get_cells() ?? []).filter((cell) => cell.cell_type === "code").map((cell) => cell.output_area?.toJSON() ?? []));
}

/** Whether Notebook trusts the open notebook (runs the HTML and JavaScript of its saved outputs). */
export function notebookTrusted(page: Page): Promise<boolean> {
  return page.evaluate(() => Jupyter.notebook?.trusted === true);
}

export async function saveNotebook(page: Page): Promise<void> {
  await page.evaluate(() => Jupyter.notebook?.save_notebook());
}

/**
 * A screenshot of the whole notebook: tall outputs are unscrolled, and as the page scrolls inside
 * #site, the window grows to the notebook's height first.
 */
export async function screenshotNotebook(page: Page, file: string): Promise<void> {
  await page.evaluate(() => (Jupyter.notebook?.get_cells() ?? []).forEach((cell) => cell.output_area?.unscroll_area()));
  const height = await page.evaluate(() => (document.querySelector("#header")?.scrollHeight ?? 0) + (document.querySelector("#notebook")?.scrollHeight ?? 0));
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), MAX_SCREENSHOT_HEIGHT) });
  await page.screenshot({ path: file });
  await page.setViewportSize(viewport);
}
