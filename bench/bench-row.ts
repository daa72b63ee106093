/** One benchmark result: a value measured against a baseline in the same run. */
export interface BenchRow {
  name: string;
  value: number;
  baseline: number;
  /** value / baseline */
  ratio: number;
  unit: string;
  /** What the ratio should be, e.g. "<= 2" or ">= 0.9". */
  target?: string;
}
