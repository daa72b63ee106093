import type { ExperimentResult, ModelName, TaskFailure } from "../result/experiment-result";
import { decimalsFor, type Figure, type Trace } from "./figure";
import { roundTo } from "../../common/units";

/** More bars than this make the figure slow to draw and its JSON large; the rest are thinned out evenly. */
export const MAX_TIMELINE_TASKS = 1000;
const OK_COLOUR = "#4c78a8";
const FAILED_COLOUR = "#e45756";

export function laneLabel(model: ModelName, lane: number): string {
  if (model === "processes") return `process ${lane}`;
  return lane === 0 ? "main thread" : `thread ${lane}`;
}

/** At most `most` task indexes out of `count`, evenly spaced, in order. */
export function evenlySpacedIndexes(count: number, most: number): number[] {
  if (count <= most) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: most }, (_, k) => Math.floor((k * count) / most));
}

/** Failed tasks are grouped by error name, so the hover names the error without a string per task. */
function failureGroups(indexes: readonly number[], failures: ReadonlyMap<number, TaskFailure>): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const i of indexes) {
    // The name goes into a hover template literally: drop what Plotly would read as markup or a template variable.
    const name = failures.get(i)?.name.replace(/[<>&%{}]/g, "") ?? "did not finish";
    const group = groups.get(name);
    if (group) group.push(i);
    else groups.set(name, [i]);
  }
  return groups;
}

/**
 * One lane per thread or process, one horizontal bar per task from its start to its end: tasks
 * overlapping within a lane are concurrency, tasks overlapping across lanes are parallelism.
 */
export function timelineFigure(result: ExperimentResult, run = result.runs.length - 1): Figure {
  const measured = result.runs[run];
  if (!measured) throw new RangeError(`run ${run} does not exist: the experiment kept ${result.runs.length} measured runs`);
  const { tasks } = measured;
  const failures = new Map(measured.failures.map((f) => [f.index, f]));
  const lanes = [...new Set(tasks.lane)].sort((a, b) => a - b);
  const lanePosition = new Map(lanes.map((lane, position) => [lane, position]));
  const shown = evenlySpacedIndexes(tasks.start.length, MAX_TIMELINE_TASKS);
  const decimals = decimalsFor(tasks.end.reduce((latest, end) => Math.max(latest, end), 0));
  const round = (ms: number) => roundTo(ms, decimals);

  // Lanes are numeric positions with tick labels, so each bar carries a small number, not a label string;
  // the hover gives start and duration, which the bar has anyway, so only the task index is extra.
  const bars = (indexes: number[], name: string, colour: string, hoverHeading: string): Trace => ({
    type: "bar",
    orientation: "h",
    name,
    y: indexes.map((i) => lanePosition.get(tasks.lane[i])),
    base: indexes.map((i) => round(tasks.start[i])),
    x: indexes.map((i) => round(tasks.end[i] - tasks.start[i])),
    width: 0.8,
    marker: { color: colour },
    customdata: indexes,
    hovertemplate: `${hoverHeading}<br>from %{base:.${decimals}f} ms, for %{x:.${decimals}f} ms<extra></extra>`,
  });
  const okTrace = bars(shown.filter((i) => tasks.ok[i]), "ok", OK_COLOUR, "task %{customdata}");
  const failedTraces = [...failureGroups(shown.filter((i) => !tasks.ok[i]), failures)].map(([errorName, indexes]) =>
    bars(indexes, `failed: ${errorName}`, FAILED_COLOUR, `task %{customdata} failed: ${errorName}`),
  );

  const count = tasks.start.length;
  const thinned = shown.length < count ? `, showing ${shown.length} of ${count} tasks` : "";
  const timedOut = result.state === "timed-out" && result.timeout.run === run ? ", timed out" : "";
  return {
    data: [okTrace, ...failedTraces],
    layout: {
      title: { text: `Task timeline of ${result.model}, run ${run + 1} of ${result.runs.length}${timedOut}${thinned}` },
      barmode: "overlay",
      xaxis: { title: { text: "ms from the run's start" }, type: "linear", rangemode: "tozero" },
      yaxis: {
        type: "linear",
        tickmode: "array",
        tickvals: lanes.map((_, position) => position),
        ticktext: lanes.map((lane) => laneLabel(result.model, lane)),
        autorange: "reversed",
        zeroline: false,
      },
      showlegend: failedTraces.length > 0,
    },
  };
}
