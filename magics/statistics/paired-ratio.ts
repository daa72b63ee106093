/**
 * The paired comparison of two models' wall times, round by round: in each round both ran once, so
 * each round gives one log ratio d = ln(wall of the model / wall of the baseline). The estimate is
 * the median of the d's; its interval is the exact sign-test (binomial) interval of that median,
 * from the order statistics of the d's: distribution-free, and it needs only that the rounds are
 * independent. The interval [d(k), d(n+1-k)] misses the true median exactly when fewer than k of
 * the n d's fall on one side of it, so its coverage is 1 - 2·P(B ≤ k-1), B ~ Binomial(n, 1/2).
 *
 * Why not the Wilcoxon signed-rank interval of the Hodges–Lehmann estimate: one stalled run is a
 * d far out on one side, and it moves n of the n(n+1)/2 Walsh averages to that end. At 9 rounds the
 * 95% Wilcoxon interval's ends are the 6th Walsh averages from each end, so one stall of the faster
 * model carries the interval across 0 (W+ = 9 against a critical value of 5) and hides a 2x
 * difference that 8 of 9 rounds show. The sign-test interval's ends are the 2nd d's from each end
 * at 9 rounds: one stall cannot move them. Below 7 rounds the two intervals are the same: [d(1), d(n)].
 */
import type { WallRatio } from "../result/experiment-result";

/** Fewer rounds than this give no test: at 5 the widest interval, [d(1), d(5)], covers 93.75%. */
export const MIN_TEST_ROUNDS = 5;

/** The interval is the narrowest whose coverage is at least this (when any is). */
export const TARGET_CONFIDENCE = 0.95;

/** A ratio within ±2% of 1 (as criterion.rs's default noise threshold) is negligible, however clear it is. */
export const NEGLIGIBLE = 0.02;

export type PairedVerdict = NonNullable<WallRatio["test"]>["verdict"];

/** P(B ≤ j) for B ~ Binomial(n, 1/2), exact up to rounding; in log space, so n in the thousands is fine. */
export function binomialHalfCdf(n: number, j: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomialHalfCdf expects n to be an integer of 0 or more, got ${n}`);
  if (j < 0) return 0;
  if (j >= n) return 1;
  let logChoose = 0;
  let total = 0;
  for (let i = 0; i <= j; i++) {
    if (i > 0) logChoose += Math.log((n - i + 1) / i);
    total += Math.exp(logChoose - n * Math.LN2);
  }
  return Math.min(1, total);
}

/** Coverage of [x(k), x(n+1-k)] for the median of n independent values from a continuous distribution. */
export function orderIntervalCoverage(n: number, k: number): number {
  if (!Number.isInteger(k) || k < 1 || 2 * k > n + 1) throw new RangeError(`orderIntervalCoverage expects k from 1 to ${Math.floor((n + 1) / 2)} for n = ${n}, got ${k}`);
  return 1 - 2 * binomialHalfCdf(n, k - 1);
}

/**
 * The rank k of the sign-test interval [x(k), x(n+1-k)]: the largest k (the narrowest interval) whose
 * coverage is at least `target`; when even k = 1 falls short of it (n ≤ 5 for 95%), k = 1. With the coverage it achieves.
 */
export function signTestRank(n: number, target: number = TARGET_CONFIDENCE): { k: number; confidence: number } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`signTestRank expects at least 1 value, got ${n}`);
  if (!(target > 0 && target < 1)) throw new RangeError(`signTestRank expects a target confidence between 0 and 1, got ${target}`);
  let k = 1;
  // A tolerance for the rounding in the sum, so that a coverage of exactly `target` counts as reaching it.
  while (2 * (k + 1) <= n + 1 && orderIntervalCoverage(n, k + 1) >= target - 1e-12) k++;
  return { k, confidence: orderIntervalCoverage(n, k) };
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

function medianOfSorted(s: readonly number[]): number {
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface MedianInterval {
  estimate: number;
  interval: [number, number];
  confidence: number;
}

/** The sample median and its sign-test interval (see signTestRank). */
export function medianWithInterval(values: readonly number[], target: number = TARGET_CONFIDENCE): MedianInterval {
  const s = sorted(values);
  const { k, confidence } = signTestRank(s.length, target);
  return { estimate: medianOfSorted(s), interval: [s[k - 1], s[s.length - k]], confidence };
}

/**
 * The verdict on a ratio and its interval with a negligible threshold t (a ratio distance, 0.02 for 2%):
 * "negligible" when the interval lies within [1/(1+t), 1+t], or when it excludes 1 but the ratio is within that;
 * "slower" or "faster" when it excludes 1 and the ratio is beyond it; otherwise (it holds 1 and reaches beyond
 * the threshold) "no difference shown": these runs cannot tell the two apart, which is not saying they are the same.
 */
export function pairedVerdict(ratio: number, interval: readonly [number, number], negligible: number = NEGLIGIBLE): PairedVerdict {
  const [low, high] = interval;
  const lowEdge = 1 / (1 + negligible);
  const highEdge = 1 + negligible;
  if (low >= lowEdge && high <= highEdge) return "negligible";
  if (low > 1) return ratio > highEdge ? "slower" : "negligible";
  if (high < 1) return ratio < lowEdge ? "faster" : "negligible";
  return "no difference shown";
}

export function describePairedMethod(confidence: number): string {
  return `median of the per-round ratios (each round runs every model once, in shuffled order); interval: exact sign-test interval of that median (order statistics of the paired log ratios), ${formatConfidence(confidence)} confidence`;
}

/** 0.96875 -> "96.875%": the achieved coverage as it is, not rounded up to a round figure. */
export function formatConfidence(confidence: number): string {
  return `${Number((confidence * 100).toFixed(3))}%`;
}

export interface PairedRatio {
  /** exp of the median paired log ratio. */
  ratio: number;
  rounds: number;
  /** Absent below MIN_TEST_ROUNDS rounds. */
  test?: { method: string; confidence: number; interval: [number, number]; negligible: number; verdict: PairedVerdict };
}

/** `walls[r]` over `baselineWalls[r]`, round by round (both of the same length, at least one round, every wall above 0). */
export function pairedRatio(walls: readonly number[], baselineWalls: readonly number[]): PairedRatio {
  if (walls.length !== baselineWalls.length || walls.length === 0) throw new RangeError(`pairedRatio expects one wall time of each model per round, at least one round; got ${walls.length} and ${baselineWalls.length}`);
  const bad = [...walls, ...baselineWalls].find((w) => !(w > 0 && Number.isFinite(w)));
  if (bad !== undefined) throw new RangeError(`pairedRatio expects wall times above 0, got ${bad}`);
  const logRatios = walls.map((w, r) => Math.log(w / baselineWalls[r]));
  const rounds = logRatios.length;
  if (rounds < MIN_TEST_ROUNDS) return { ratio: Math.exp(medianOfSorted(sorted(logRatios))), rounds };
  const { estimate, interval, confidence } = medianWithInterval(logRatios);
  const ratio = Math.exp(estimate);
  const ratioInterval: [number, number] = [Math.exp(interval[0]), Math.exp(interval[1])];
  return { ratio, rounds, test: { method: describePairedMethod(confidence), confidence, interval: ratioInterval, negligible: NEGLIGIBLE, verdict: pairedVerdict(ratio, ratioInterval) } };
}
