/** A Plotly figure as plain JSON, the payload of `application/vnd.plotly.v1+json`. */
import { roundTo } from "../../common/units";

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
  return roundTo(value, 3);
}

/** Decimals that resolve a ten-thousandth of `span`, at most three: a long run's times need no µs, and its JSON stays small. */
export function decimalsFor(span: number): number {
  if (!(span > 0)) return 3;
  return Math.min(3, Math.max(0, -Math.floor(Math.log10(span / 10_000))));
}
