/** Bootstrap confidence intervals with a seeded generator: the same data always gives the same interval. */
import { median, percentile } from "./statistics";

/** mulberry32: a small, fast 32-bit generator; uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BootstrapOptions {
  resamples: number;
  /** e.g. 0.95 */
  confidence: number;
  seed: number;
}

export const RATIO_BOOTSTRAP: BootstrapOptions = { resamples: 2000, confidence: 0.95, seed: 1 };

/**
 * Percentile bootstrap interval of median(numerator) / median(denominator): each group is resampled
 * with replacement on its own, `resamples` times, and the interval is the middle `confidence` of the ratios.
 */
export function ratioOfMediansInterval(numerator: readonly number[], denominator: readonly number[], options: BootstrapOptions = RATIO_BOOTSTRAP): [number, number] {
  if (numerator.length === 0 || denominator.length === 0) throw new RangeError("ratioOfMediansInterval needs at least one value in each group");
  const random = seededRandom(options.seed);
  const resample = (values: readonly number[]) => Array.from(values, () => values[Math.floor(random() * values.length)]);
  const ratios = Array.from({ length: options.resamples }, () => median(resample(numerator)) / median(resample(denominator)));
  const tail = ((1 - options.confidence) / 2) * 100;
  return [percentile(ratios, tail), percentile(ratios, 100 - tail)];
}

export function describeRatioBootstrap(options: BootstrapOptions = RATIO_BOOTSTRAP): string {
  return `bootstrap ${options.confidence * 100}% percentile interval of the ratio of median wall times, ${options.resamples} resamples of each model's runs (seed ${options.seed})`;
}
