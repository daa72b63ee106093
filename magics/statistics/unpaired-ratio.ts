/**
 * The wall-time ratio of two experiments whose runs were not interleaved (kept results of separate
 * cells, %results compare): no run of one has a partner in the other, so no pairing. The estimate is
 * the Hodges–Lehmann one, the median of every cross log ratio ln(a_i / b_j); its interval is the
 * distribution-free one of Mann–Whitney's U (order statistics of those m·n log ratios), exact for
 * independent runs. It does not remove a drift of the machine between the two cells: that is in the
 * ratio, which is what %%compare's interleaved rounds are for.
 */
import { NEGLIGIBLE, PairedVerdict, TARGET_CONFIDENCE, formatConfidence, pairedVerdict } from "./paired-ratio";

export interface UnpairedRatio {
  ratio: number;
  /** Absent when the runs are too few for an interval at TARGET_CONFIDENCE (m = n = 3 reach 90% at most; 4 and 4, 97.1%). */
  test?: { method: string; confidence: number; interval: [number, number]; negligible: number; verdict: PairedVerdict };
}

/** P(U <= u) for every u of Mann–Whitney's U with m and n runs, under the null (every order of the m + n runs equally likely). */
export function mannWhitneyCdf(m: number, n: number): number[] {
  // counts[j][u]: orders of j runs of the first against n runs of the second with U = u, built up run by run.
  let counts: number[][] = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i++) {
    const next: number[][] = [];
    for (let j = 0; j <= n; j++) {
      const row = new Array<number>(i * j + 1).fill(0);
      // The largest run is the first's (adds j to U: it is above every run of the second) or the second's.
      counts[j].forEach((c, u) => (row[u + j] += c));
      if (j > 0) next[j - 1].forEach((c, u) => (row[u] += c));
      next.push(row);
    }
    counts = next;
  }
  const last = counts[n];
  const total = last.reduce((a, b) => a + b, 0);
  let running = 0;
  return last.map((c) => (running += c) / total);
}

/** `walls` over `baselineWalls`, every run of one against every run of the other (all wall times above 0). */
export function unpairedRatio(walls: readonly number[], baselineWalls: readonly number[]): UnpairedRatio {
  const bad = [...walls, ...baselineWalls].find((w) => !(w > 0 && Number.isFinite(w)));
  if (bad !== undefined || walls.length === 0 || baselineWalls.length === 0) throw new RangeError(`unpairedRatio expects at least one wall time above 0 on each side, got ${bad ?? "none"}`);
  const logs = walls.flatMap((w) => baselineWalls.map((b) => Math.log(w / b))).sort((a, b) => a - b);
  const mid = logs.length / 2;
  const ratio = Math.exp(logs.length % 2 ? logs[Math.floor(mid)] : (logs[mid - 1] + logs[mid]) / 2);
  const cdf = mannWhitneyCdf(walls.length, baselineWalls.length);
  // [D(k), D(mn + 1 - k)] covers 1 - 2 P(U <= k - 1): the largest k that still covers TARGET_CONFIDENCE.
  let k = 0;
  while (k + 1 <= logs.length / 2 && 1 - 2 * cdf[k] >= TARGET_CONFIDENCE) k++;
  if (k === 0) return { ratio };
  const confidence = 1 - 2 * cdf[k - 1];
  const interval: [number, number] = [Math.exp(logs[k - 1]), Math.exp(logs[logs.length - k])];
  const method = `median of every cross ratio of the two sets of runs (Hodges–Lehmann; the runs were not interleaved, so not paired); interval: exact Mann–Whitney interval, ${formatConfidence(confidence)} confidence; a change of the machine between the cells is in the ratio`;
  return { ratio, test: { method, confidence, interval, negligible: NEGLIGIBLE, verdict: pairedVerdict(ratio, interval) } };
}
