import type { Spread } from "../result/experiment-result";
import { roundForPlot, type Trace } from "./figure";

/** Medians with asymmetric error bars reaching to min and max, all multiplied by `scale` (e.g. bytes to MiB). */
export function spreadValues(spreads: readonly Spread[], scale = 1): { y: number[]; error_y: Record<string, unknown> } {
  return {
    y: spreads.map((s) => roundForPlot(s.median * scale)),
    error_y: {
      type: "data",
      symmetric: false,
      array: spreads.map((s) => roundForPlot((s.max - s.median) * scale)),
      arrayminus: spreads.map((s) => roundForPlot((s.median - s.min) * scale)),
    },
  };
}

/** "12 ms (11 ms–14 ms)", or just the median when there was one run. */
export function spreadLabel(spread: Spread, format: (value: number) => string): string {
  return spread.of > 1 ? `${format(spread.median)} (${format(spread.min)}–${format(spread.max)})` : format(spread.median);
}

/** How many runs the medians are of, for a chart title. */
export function runsCaption(spreads: readonly Spread[]): string {
  const counts = spreads.map((s) => s.of);
  const fewest = Math.min(...counts);
  const most = Math.max(...counts);
  if (most <= 1) return "1 run";
  const runs = fewest === most ? `${most} runs` : `${fewest}–${most} runs`;
  return `median of ${runs}, bars span min–max`;
}

/** A bar per category: the median, error bars to min and max, and the spread in the hover label. */
export function spreadBarTrace(options: {
  name: string;
  categories: string[];
  spreads: readonly Spread[];
  format: (value: number) => string;
  scale?: number;
  colour: string | string[];
  axes?: { xaxis: string; yaxis: string };
}): Trace {
  return {
    type: "bar",
    name: options.name,
    x: options.categories,
    ...spreadValues(options.spreads, options.scale),
    marker: { color: options.colour },
    text: options.spreads.map((s) => spreadLabel(s, options.format)),
    textposition: "none",
    hovertemplate: `%{x}<br>${options.name}: %{text}<extra></extra>`,
    ...options.axes,
  };
}
