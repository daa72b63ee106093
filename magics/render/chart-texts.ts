/** The text/plain of each chart: what the chart shows, as a small table, for terminals and static viewers. */
import type { ExperimentResult } from "../result/experiment-result";
import { formatBytes, formatMs } from "../../common/units";
import { plural } from "./result-table";
import { experimentLabels } from "./experiment-labels";
import { spreadLabel } from "./spread-bars";
import type { SweepPoint } from "./sweep-figure";
import { textGrid } from "./result-table";
import { laneLabel } from "./timeline-figure";

export function timelineText(result: ExperimentResult, run = result.runs.length - 1): string {
  const { tasks } = result.runs[run];
  const lanes = [...new Set(tasks.lane)].sort((a, b) => a - b);
  const rows = lanes.map((lane) => {
    const mine = tasks.lane.flatMap((l, i) => (l === lane ? [i] : []));
    const busy = mine.reduce((sum, i) => sum + (tasks.end[i] - tasks.start[i]), 0);
    const failed = mine.filter((i) => !tasks.ok[i]).length;
    return [laneLabel(result.model, lane), plural(mine.length, "task"), `${failed} failed`, `${formatMs(busy)} of task time`];
  });
  const span = tasks.end.reduce((latest, end) => Math.max(latest, end), 0);
  return [`Task timeline of ${result.model}, run ${run + 1} of ${result.runs.length}: ${plural(tasks.start.length, "task")} on ${plural(lanes.length, "lane")} over ${formatMs(span)}`, textGrid(rows)].join("\n");
}

export function memoryText(results: readonly ExperimentResult[]): string {
  const labels = experimentLabels(results);
  const rows = results.flatMap((result, i) => {
    const memory = result.runs[result.runs.length - 1]?.memory;
    if (!memory || memory.t.length === 0) return [];
    const peakAt = memory.rssAboveBaselineBytes.indexOf(Math.max(...memory.rssAboveBaselineBytes));
    const last = memory.t.length - 1;
    return [[labels[i], `peak ${formatBytes(memory.rssAboveBaselineBytes[peakAt])} at ${formatMs(memory.t[peakAt])}`, `${formatBytes(memory.rssAboveBaselineBytes[last])} at the end (${formatMs(memory.t[last])})`]];
  });
  return ["RSS above the baseline over time (last run)", textGrid(rows)].join("\n");
}

export function loopDelayText(results: readonly ExperimentResult[]): string {
  const labels = experimentLabels(results);
  const rows = [["model", "event-loop delay p99", "max"], ...results.map((r, i) => [labels[i], spreadLabel(r.summary.loopDelayP99Ms, formatMs), spreadLabel(r.summary.loopDelayMaxMs, formatMs)])];
  return ["Main thread event-loop delay (median of the runs, min–max)", textGrid(rows)].join("\n");
}

export function sweepText(points: readonly SweepPoint[], parameter: string): string {
  const models = [...new Set(points.map((p) => p.model))];
  const values = [...new Set(points.map((p) => p.value))].sort((a, b) => a - b);
  const cell = (model: string, value: number) => {
    const point = points.find((p) => p.model === model && p.value === value);
    return point ? spreadLabel(point.wallMs, formatMs) : "";
  };
  const rows = [[parameter, ...models], ...values.map((value) => [String(value), ...models.map((model) => cell(model, value))])];
  return [`Wall time against ${parameter} (median of the runs, min–max)`, textGrid(rows)].join("\n");
}
