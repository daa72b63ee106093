import type { ExperimentResult } from "../result/experiment-result";
import { type Figure, type Trace } from "./figure";
import { roundTo } from "../../common/units";
import { experimentLabels } from "./experiment-labels";
import { modelColours } from "./experiment-labels";
import { SAMPLE_EVERY_MS } from "../measure/resource-monitor";

const MIB = 1024 * 1024;

/** Whether the result kept RSS samples (results saved before they were measured did not). */
export function hasMemorySamples(result: ExperimentResult): boolean {
  return result.runs[result.runs.length - 1]?.memory !== undefined;
}

/** RSS above the run's baseline over time, one line per experiment, each from its last measured run. */
export function memoryFigure(results: readonly ExperimentResult[]): Figure {
  const sampled = results.filter(hasMemorySamples);
  if (sampled.length === 0) throw new RangeError("none of the experiments kept RSS samples, so there is no memory-over-time chart to draw");
  const labels = experimentLabels(sampled);
  const data = sampled.map((result, i): Trace => {
    const run = result.runs[result.runs.length - 1];
    const memory = run.memory!;
    return {
      type: "scatter",
      mode: "lines",
      name: labels[i],
      x: memory.t,
      y: memory.rssAboveBaselineBytes.map((bytes) => roundTo(bytes / MIB, 3)),
      line: { color: modelColours[result.model], shape: "hv" },
      hovertemplate: `${labels[i]}<br>%{x:.1f} ms: %{y:.2f} MiB<extra></extra>`,
    };
  });
  const runs = sampled.map((r) => r.runs.length);
  const which = sampled.length === 1 ? `run ${runs[0]} of ${runs[0]}` : "the last run of each";
  return {
    data,
    layout: {
      title: { text: `RSS above the baseline over time, ${which} (sampled every ${SAMPLE_EVERY_MS} ms off the main thread)` },
      xaxis: { title: { text: "ms from the run's start" }, type: "linear", rangemode: "tozero" },
      yaxis: { title: { text: "RSS above baseline (MiB)" }, type: "linear", rangemode: "tozero" },
      showlegend: sampled.length > 1,
    },
  };
}
