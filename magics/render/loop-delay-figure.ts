import type { ExperimentResult } from "../result/experiment-result";
import { formatMs } from "../../common/units";
import type { Figure } from "./figure";
import { experimentLabels } from "./experiment-labels";
import { runsCaption, spreadBarTrace } from "./spread-bars";

/** The main thread's event-loop delay per model: p99 and max side by side, each the median with error bars to min and max. */
export function loopDelayFigure(results: readonly ExperimentResult[]): Figure {
  const categories = experimentLabels(results);
  const p99 = results.map((r) => r.summary.loopDelayP99Ms);
  const max = results.map((r) => r.summary.loopDelayMaxMs);
  return {
    data: [
      spreadBarTrace({ name: "p99", categories, spreads: p99, format: formatMs, colour: "#4c78a8" }),
      spreadBarTrace({ name: "max", categories, spreads: max, format: formatMs, colour: "#e45756" }),
    ],
    layout: {
      title: { text: `Main thread event-loop delay: ${runsCaption(p99)}` },
      barmode: "group",
      xaxis: { type: "category" },
      yaxis: { title: { text: "event-loop delay (ms)" }, type: "linear", rangemode: "tozero" },
    },
  };
}
