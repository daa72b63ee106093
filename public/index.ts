/**
 * conclab's API for notebook cells: `import { display, clear, input } from "conclab"`.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { NO_RESULT, mimeBundleOf } from "../common/mime-bundle";
import { kernelHooks } from "./kernel-hooks";
import { MimeBundle } from "../common/mime-bundle";
import { chartOutputs, type PlotlyFigure } from "../magics/render/plotly-html";

export type { MimeBundle } from "../common/mime-bundle";

export interface DisplayOptions {
  /** Give the output an id to update it later (or pass an existing id with `update: true`). */
  id?: string;
  /** Replace the output that has `id` instead of adding a new one. */
  update?: boolean;
  metadata?: MimeBundle;
}

/** An output on screen that can be replaced. */
export interface DisplayHandle {
  readonly id: string;
  /** Replaces the output with `value` shown the same way as the first time. */
  update(value: unknown): void;
}

type Renderer<T> = (value: T) => MimeBundle;

function show<T>(render: Renderer<T>, value: T, options: DisplayOptions = {}): DisplayHandle {
  const id = options.id ?? randomUUID();
  kernelHooks().display(render(value), { metadata: options.metadata, displayId: id, update: options.update });
  const handle = { id, update: (next: unknown) => kernelHooks().display(render(next as T), { metadata: options.metadata, displayId: id, update: true }) };
  return Object.defineProperty(handle, NO_RESULT, { value: true });
}

const renderers = {
  html: (html: string): MimeBundle => ({ "text/html": html, "text/plain": html }),
  markdown: (markdown: string): MimeBundle => ({ "text/markdown": markdown, "text/plain": markdown }),
  svg: (svg: string): MimeBundle => ({ "image/svg+xml": svg, "text/plain": "<SVG image>" }),
  png: (png: Uint8Array | string): MimeBundle => ({ "image/png": imageBase64(png), "text/plain": "<PNG image>" }),
  jpeg: (jpeg: Uint8Array | string): MimeBundle => ({ "image/jpeg": imageBase64(jpeg), "text/plain": "<JPEG image>" }),
  json: (json: unknown): MimeBundle => ({ "application/json": json, "text/plain": JSON.stringify(json, null, 2) }),
  text: (text: string): MimeBundle => ({ "text/plain": text }),
  /** A Plotly figure `{ data, layout?, config? }`: drawn offline everywhere, as the magics' charts are (plotly.js goes out once per client session). */
  plotly: (figure: PlotlyFigure): MimeBundle => {
    const outputs = chartOutputs([{ figure, text: `<Plotly figure with ${figure.data.length} trace(s)>` }], kernelHooks().clientSession());
    for (const library of outputs.slice(0, -1)) kernelHooks().display(library, {});
    return outputs[outputs.length - 1];
  },
  /** A MIME bundle as it is, e.g. { "text/html": "...", "text/plain": "..." }. */
  bundle: (bundle: MimeBundle): MimeBundle => bundle,
};

/** A path to an image file, or its bytes, as the base64 Jupyter wants. */
function imageBase64(image: Uint8Array | string): string {
  return Buffer.from(typeof image === "string" ? readFileSync(image) : image).toString("base64");
}

type Display = ((value: unknown, options?: DisplayOptions) => DisplayHandle) & {
  [K in keyof typeof renderers]: (value: Parameters<(typeof renderers)[K]>[0], options?: DisplayOptions) => DisplayHandle;
};

/** `display(value)` shows any value as the cell's last expression would; `display.html(...)`, `display.png(...)` etc. pick the type. */
export const display: Display = Object.assign(
  (value: unknown, options?: DisplayOptions) => show(mimeBundleOf, value, options),
  Object.fromEntries(Object.entries(renderers).map(([name, render]) => [name, (value: never, options?: DisplayOptions) => show(render as Renderer<unknown>, value, options)])) as Omit<Display, never>,
);

/** Clears the cell's output; with `wait`, only when the next output arrives (no flicker). */
export function clear(options: { wait?: boolean } = {}): void {
  kernelHooks().clear(options.wait ?? false);
}

/** Asks the user for a line of text in the frontend. */
export function input(prompt = "", options: { password?: boolean } = {}): Promise<string> {
  return kernelHooks().input(prompt, options.password ?? false);
}

/** What a magic body gets as `task`, and what a magic cell returns (also kept as `$last`). */
export type { TaskContext, TaskServer, ServerResponse } from "../magics/tasks/task-context";
export type { ExperimentValue } from "../magics/experiment/open-experiment";
export type { ComparisonResult, ConclabResult, ExperimentResult, MemorySamples, RunMeasurement, Spread, SweepResult, TaskSpans, WallRatio } from "../magics/result/experiment-result";
export type { TimeitResult } from "../magics/timing/timeit-result";
