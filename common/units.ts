/** Numbers as people read them: durations the way IPython's timeit prints them, bytes in KiB/MiB/GiB. */

/** IPython's _format_time: 3 significant digits in s, ms, µs or ns; a minute or more as "1min 5s". */
export function formatDuration(seconds: number, precision = 3): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds >= 60) {
    const parts: string[] = [];
    let left = seconds;
    for (const [suffix, length] of [["d", 86_400], ["h", 3600], ["min", 60], ["s", 1]] as const) {
      const value = Math.floor(left / length);
      if (value > 0) {
        left %= length;
        parts.push(`${value}${suffix}`);
      }
      if (left < 1) break;
    }
    return parts.join(" ");
  }
  const units = ["s", "ms", "µs", "ns"];
  const order = seconds > 0 ? Math.min(-Math.floor(Math.floor(Math.log10(seconds)) / 3), 3) : 3;
  return `${Number((seconds * 1000 ** order).toPrecision(precision))} ${units[order]}`;
}

export function formatMs(ms: number): string {
  return formatDuration(ms / 1000);
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${bytes < 0 ? "-" : ""}${unit === 0 ? value : Number(value.toPrecision(3))} ${units[unit]}`;
}

/** `value` rounded to `decimals` places. */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
