/** plotly.js from the installed plotly.js-dist-min package (never a CDN), for charts in outputs and in HTML reports. */
import { readFileSync } from "node:fs";
import { scriptForInline } from "./html-escape";
import type { MimeBundle } from "./mime-bundle";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/**
 * Marks the output that carries plotly.js, so a page that inlines plotly.js itself (the HTML report)
 * can leave it out, and the runner can leave it out of the notebooks it writes.
 */
export const PLOTLY_LIBRARY_CLASS = "conclab-plotly-library";

/** Whether `data` is the output that carries plotly.js (magics/render/plotly-html.ts makes it). */
export function isPlotlyLibraryOutput(data: MimeBundle): boolean {
  return typeof data["text/html"] === "string" && data["text/html"].includes(`class="${PLOTLY_LIBRARY_CLASS}"`);
}

let plotlySource: string | undefined;

/** plotly.js, made safe to inline in a <script>. */
export function plotlyScript(): string {
  if (plotlySource === undefined) {
    let file: string;
    try {
      file = require.resolve("plotly.js-dist-min/plotly.min.js");
    } catch {
      throw new Error("plotly.js-dist-min is not installed, so charts cannot be drawn: run `npm install` in the conclab folder");
    }
    plotlySource = scriptForInline(readFileSync(file, "utf8"));
  }
  return plotlySource;
}
