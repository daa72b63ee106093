/** A Plotly figure as plain JSON, the payload of `application/vnd.plotly.v1+json`. */

/** One Plotly trace: `type` plus whatever attributes that trace type takes. */
export interface Trace {
  type: "bar" | "scatter";
  [attribute: string]: unknown;
}

export type Layout = Record<string, unknown>;

export interface Figure {
  data: Trace[];
  layout: Layout;
}

/** Three decimals: µs resolution for times in ms, and it keeps the JSON small. */
export function roundForPlot(value: number): number {
  return Math.round(value * 1000) / 1000;
}
