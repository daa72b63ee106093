import type { MemorySamples } from "../result/experiment-result";
import { roundTo } from "../../common/units";
import type { RssSeries } from "./resource-monitor";

/** Enough points for a chart a few hundred pixels wide; a run keeps this many at most. */
export const MEMORY_SAMPLES_KEPT = 200;

/**
 * At most `most` indexes of `values`, in order: the first, the last, and the lowest and highest of
 * each of the evenly sized buckets between, so the peak stays and the line keeps its envelope.
 */
export function envelopeIndexes(values: readonly number[], most: number): number[] {
  const n = values.length;
  if (n <= most) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor((most - 2) / 2));
  const kept = new Set<number>([0, n - 1]);
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let low = from;
    let high = from;
    for (let i = from + 1; i < to; i++) {
      if (values[i] < values[low]) low = i;
      if (values[i] > values[high]) high = i;
    }
    kept.add(low).add(high);
  }
  return [...kept].sort((a, b) => a - b);
}

/** The monitor's series as the result keeps it: ms from the run's start, bytes above the baseline (never below 0), thinned. */
export function memorySamples(series: RssSeries, runStartEpochMs: number, baselineBytes: number, most = MEMORY_SAMPLES_KEPT): MemorySamples {
  const kept = envelopeIndexes(series.rssBytes, most);
  return {
    t: kept.map((k) => roundTo(series.epochMs[k] - runStartEpochMs, 3)),
    rssAboveBaselineBytes: kept.map((k) => Math.max(0, series.rssBytes[k] - baselineBytes)),
  };
}
