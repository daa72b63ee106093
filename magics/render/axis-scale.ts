/** A numeric axis of the static chart: its range, where a value lands in pixels, and round ticks. */

export interface AxisScale {
  /** Pixel of `value` (the pixel range runs from `from` to `to`, either way). */
  at(value: number): number;
  ticks: { value: number; label: string }[];
}

/** The round step (1, 2 or 5 times a power of ten) nearest to cutting `span` into `count` parts. */
export function niceStep(span: number, count = 5): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const nearest = [1, 2, 5, 10].reduce((best, m) => (Math.abs(Math.log(m * power / raw)) < Math.abs(Math.log(best * power / raw)) ? m : best));
  return nearest * power;
}

/** A tick label as Plotly writes one: 1500, 0.25, 20k, 1.5M; `step` says how many decimals matter. */
export function tickLabel(value: number, step: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6 && step >= 1e5) return `${+(value / 1e6).toFixed(Math.max(0, -Math.floor(Math.log10(step / 1e6))))}M`;
  if ((abs >= 1e4 && step >= 100) || (abs >= 1000 && step >= 1000)) return `${+(value / 1e3).toFixed(Math.max(0, -Math.floor(Math.log10(step / 1e3))))}k`;
  return String(+value.toFixed(Math.max(0, -Math.floor(Math.log10(step)))));
}

/** A linear axis over [low, high] (widened when both are equal), ticked every niceStep. */
export function linearScale(low: number, high: number, from: number, to: number): AxisScale {
  if (!(high > low)) [low, high] = low === 0 ? [0, 1] : [low - Math.abs(low) / 2, high + Math.abs(high) / 2];
  const step = niceStep(high - low);
  const ticks: AxisScale["ticks"] = [];
  for (let k = Math.ceil(low / step - 1e-9); k * step <= high + step * 1e-9; k++) ticks.push({ value: k * step, label: tickLabel(k * step, step) });
  return { at: (value) => from + ((value - low) / (high - low)) * (to - from), ticks };
}

/** A log axis over [low, high] (both > 0), ticked at powers of ten, and at 2 and 5 times them when it spans less than two decades. */
export function logScale(low: number, high: number, from: number, to: number): AxisScale {
  const [a, b] = high > low ? [Math.log10(low), Math.log10(high)] : [Math.log10(low) - 0.5, Math.log10(low) + 0.5];
  const multiples = b - a < 2 ? [1, 2, 5] : [1];
  const ticks: AxisScale["ticks"] = [];
  for (let power = Math.floor(a); power <= Math.ceil(b); power++) {
    for (const m of multiples) {
      const value = m * 10 ** power;
      const exponent = Math.log10(value);
      if (exponent >= a - 1e-9 && exponent <= b + 1e-9) ticks.push({ value, label: tickLabel(value, 10 ** Math.min(power, 0)) });
    }
  }
  return { at: (value) => from + ((Math.log10(value) - a) / (b - a)) * (to - from), ticks };
}
