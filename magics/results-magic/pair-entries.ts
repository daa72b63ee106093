/** Which experiments of two results %results diff sets side by side. */
import { ExperimentEntry, entryLabel, modelLabel } from "./result-entries";

export interface EntryPair {
  /** "tasks=10 sync", or "sync vs async" when the paired models differ. */
  label: string;
  a: ExperimentEntry;
  b: ExperimentEntry;
}

export interface Pairing {
  pairs: EntryPair[];
  onlyA: ExperimentEntry[];
  onlyB: ExperimentEntry[];
}

function pointKey(entry: ExperimentEntry): string {
  return entry.point ? `${entry.point.parameter}=${entry.point.value}` : "";
}

function byPoint(entries: readonly ExperimentEntry[]): Map<string, ExperimentEntry[]> {
  const groups = new Map<string, ExperimentEntry[]>();
  for (const entry of entries) groups.set(pointKey(entry), [...(groups.get(pointKey(entry)) ?? []), entry]);
  return groups;
}

function pairLabel(a: ExperimentEntry, b: ExperimentEntry): string {
  return a.model === b.model ? entryLabel(a) : `${entryLabel(a)} vs ${modelLabel(b.model)}`;
}

/**
 * Pairs by sweep point (same parameter and value, or both outside a sweep), then within a point:
 * one experiment on each side pair whatever their models (that is how two models are compared);
 * otherwise experiments pair by model.
 */
export function pairEntries(a: readonly ExperimentEntry[], b: readonly ExperimentEntry[]): Pairing {
  const pairing: Pairing = { pairs: [], onlyA: [], onlyB: [] };
  const groupsB = byPoint(b);
  for (const [key, as] of byPoint(a)) {
    const bs = groupsB.get(key) ?? [];
    groupsB.delete(key);
    const matched = as.length === 1 && bs.length === 1 ? [[as[0], bs[0]] as const] : as.flatMap((x) => bs.filter((y) => y.model === x.model).map((y) => [x, y] as const));
    pairing.pairs.push(...matched.map(([x, y]) => ({ label: pairLabel(x, y), a: x, b: y })));
    pairing.onlyA.push(...as.filter((x) => !matched.some(([m]) => m === x)));
    pairing.onlyB.push(...bs.filter((y) => !matched.some(([, m]) => m === y)));
  }
  for (const rest of groupsB.values()) pairing.onlyB.push(...rest);
  return pairing;
}
