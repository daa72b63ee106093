import type { Figure } from "./figure";

export type { Figure, Trace, Layout } from "./figure";

export const PLOTLY_MIME_TYPE = "application/vnd.plotly.v1+json";

/** The MIME bundle of a chart: the figure for front ends that draw Plotly, the table for everything else. */
export function figureBundle(figure: Figure, tableText: string): Record<string, unknown> {
  return { [PLOTLY_MIME_TYPE]: figure, "text/plain": tableText };
}
