import type { ExperimentResult, Spread } from "../result/experiment-result";
import { formatBytes, formatMs } from "../../common/units";
import type { Figure, Layout } from "./figure";
import { experimentLabels } from "./experiment-labels";
import { modelColours } from "./experiment-labels";
import { runsCaption, spreadBarTrace } from "./spread-bars";

const MIB = 1024 * 1024;

interface Measure {
  name: string;
  axisTitle: string;
  spread: (result: ExperimentResult) => Spread;
  format: (value: number) => string;
  scale?: number;
}

const measures: Measure[] = [
  { name: "wall time", axisTitle: "wall time (ms)", spread: (r) => r.summary.wallMs, format: formatMs },
  { name: "CPU time", axisTitle: "CPU time, user+sys (ms)", spread: (r) => r.summary.cpuMs, format: formatMs },
  { name: "peak RSS", axisTitle: "peak RSS above baseline (MiB)", spread: (r) => r.summary.peakRssAboveBaselineBytes, format: formatBytes, scale: 1 / MIB },
];

const SUBPLOT_GAP = 0.08;

/** Side by side, one subplot per measure, one bar per experiment: the median with error bars to min and max. */
export function barsFigure(results: readonly ExperimentResult[]): Figure {
  const categories = experimentLabels(results);
  const colours = results.map((r) => modelColours[r.model]);
  const width = (1 - SUBPLOT_GAP * (measures.length - 1)) / measures.length;
  const layout: Layout = {
    title: { text: `Wall time, CPU time and peak memory per model: ${runsCaption(results.map((r) => r.summary.wallMs))}` },
    showlegend: false,
  };
  const data = measures.map((measure, i) => {
    const suffix = i === 0 ? "" : String(i + 1);
    const left = i * (width + SUBPLOT_GAP);
    layout[`xaxis${suffix}`] = { domain: [left, left + width], type: "category", anchor: `y${suffix}` };
    layout[`yaxis${suffix}`] = { title: { text: measure.axisTitle }, type: "linear", rangemode: "tozero", anchor: `x${suffix}` };
    return spreadBarTrace({
      name: measure.name,
      categories,
      spreads: results.map(measure.spread),
      format: measure.format,
      scale: measure.scale,
      colour: colours,
      axes: { xaxis: `x${suffix}`, yaxis: `y${suffix}` },
    });
  });
  return { data, layout };
}
