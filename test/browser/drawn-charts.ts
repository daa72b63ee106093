/// <reference lib="dom" />
/**
 * What Plotly drew in a page, and what it should have drawn according to a notebook's outputs:
 * one entry per conclab chart (`div.conclab-chart`), in page order, comparable with toEqual.
 */
import { readFileSync } from "node:fs";
import { errors, type Page } from "playwright-core";
import { PLOTLY_MIME } from "../../common/plotly-js";
import type { CellOutput } from "./notebook-page";

export interface ChartShape {
  /** The title as text: Plotly's markup (<br>, <b>) and all whitespace removed, as the drawn SVG text has it. */
  title: string;
  /** Bars per non-empty bar trace: a bars chart has one trace per measure with a bar per model; a timeline one bar per task. */
  barsPerTrace: number[];
  /** Tick labels of the y axis where the figure names them (a timeline's lanes), else []. */
  lanes: string[];
}

/** A drawn chart: its shape, or null where Plotly drew nothing (no svg.main-svg) in that div. */
export type DrawnChart = ChartShape | null;

interface PlotlyJson {
  data: { type?: string; x?: unknown[]; y?: unknown[] }[];
  layout?: { title?: string | { text?: string }; yaxis?: { tickmode?: string; ticktext?: string[] } };
}

function plainTitle(title: string): string {
  return title.replace(/<[^>]*>/g, "").replace(/\s+/g, "");
}

/** The shape of a Plotly figure as Plotly would draw it. */
export function figureShape(figure: PlotlyJson): ChartShape {
  const title = typeof figure.layout?.title === "string" ? figure.layout.title : (figure.layout?.title?.text ?? "");
  const yaxis = figure.layout?.yaxis;
  return {
    title: plainTitle(title),
    // Plotly draws no group at all for an empty trace (a timeline's "ok" when every task failed).
    barsPerTrace: figure.data
      .filter((trace) => trace.type === "bar")
      .map((trace) => Math.max(trace.x?.length ?? 0, trace.y?.length ?? 0))
      .filter((bars) => bars > 0),
    lanes: yaxis?.tickmode === "array" ? (yaxis.ticktext ?? []) : [],
  };
}

/** The Plotly figures among a cell's outputs. */
export function figuresOf(outputs: readonly CellOutput[]): PlotlyJson[] {
  return outputs.filter((output) => output.data?.[PLOTLY_MIME] !== undefined).map((output) => output.data?.[PLOTLY_MIME] as PlotlyJson);
}

/** The shapes of the figures each code cell of a saved notebook outputs. */
export function savedFigures(notebook: string): ChartShape[][] {
  return savedOutputs(notebook).map((outputs) => figuresOf(outputs).map(figureShape));
}

/**
 * Waits until Plotly has drawn every conclab chart in the page, or `timeoutMs` passed: then
 * drawnCharts says which were not drawn (a chart without plotly.js keeps its static image).
 */
export async function waitForCharts(page: Page, timeoutMs: number): Promise<void> {
  try {
    await page.waitForFunction(() => Array.from(document.querySelectorAll("div.conclab-chart")).every((div) => div.querySelector("svg.main-svg") !== null), undefined, { timeout: timeoutMs, polling: 100 });
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
  }
}

/** What Plotly drew in each conclab chart of the page, in page order. */
export function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("div.conclab-chart")).map((div) => {
      if (div.querySelector("svg.main-svg") === null) return null;
      const text = (element: Element | null) => (element?.textContent ?? "").replace(/\s+/g, "");
      // Plotly keeps the layout it drew on the div; lanes are the y tick labels the figure named.
      const namedTicks = (div as HTMLElement & { layout?: { yaxis?: { tickmode?: string } } }).layout?.yaxis?.tickmode === "array";
      return {
        title: text(div.querySelector("text.gtitle")),
        barsPerTrace: Array.from(div.querySelectorAll("g.trace.bars")).map((trace) => trace.querySelectorAll("g.point").length),
        lanes: namedTicks ? Array.from(div.querySelectorAll("g.yaxislayer-above g.ytick text")).map((tick) => tick.textContent ?? "") : [],
      };
    }),
  );
}

/** What a conclab chart shows without Plotly: whether its static image loaded and is drawn larger than a line, and the hint under it. */
export interface StaticChart {
  image: boolean;
  hint: string;
  /** Whether Plotly drew in it after all. */
  drawn: boolean;
}

/** Waits until every static chart image in the page has loaded (or failed to), at most `timeoutMs`. */
async function staticImagesSettled(page: Page, timeoutMs: number): Promise<void> {
  try {
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>("img.conclab-chart-static")).every((img) => img.complete), undefined, { timeout: timeoutMs, polling: 100 });
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
  }
}

/** What each conclab chart of the page shows as its static rendering, in page order. */
export async function staticCharts(page: Page): Promise<StaticChart[]> {
  await staticImagesSettled(page, 5_000);
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("div.conclab-chart")).map((div) => {
      const img = div.querySelector<HTMLImageElement>("img.conclab-chart-static");
      return {
        image: img !== null && img.naturalWidth > 0 && img.getBoundingClientRect().height > 100,
        hint: (div.querySelector(".conclab-chart-hint")?.textContent ?? "").trim(),
        drawn: div.querySelector("svg.main-svg") !== null,
      };
    }),
  );
}

/** Each code cell's outputs in a saved notebook. */
export function savedOutputs(notebook: string): CellOutput[][] {
  const { cells } = JSON.parse(readFileSync(notebook, "utf8")) as { cells: { cell_type: string; outputs?: CellOutput[] }[] };
  return cells.filter((cell) => cell.cell_type === "code").map((cell) => cell.outputs ?? []);
}
