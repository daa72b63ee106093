import type { ExperimentOptions } from "../result/experiment-result";

/** An experiment's options as key and text, leaving out --name (it names the result, not the experiment), the keys in `omit` and empty lists. */
export function optionValues(options: ExperimentOptions, omit: readonly string[] = []): [string, string][] {
  return Object.entries(options).flatMap(([key, value]): [string, string][] => {
    if (key === "name" || omit.includes(key) || (Array.isArray(value) && value.length === 0)) return [];
    return [[key, Array.isArray(value) ? value.join(",") : String(value)]];
  });
}

/** "repeat=3 warmup=1 workers=2". */
export function optionsText(options: ExperimentOptions, omit: readonly string[] = []): string {
  return optionValues(options, omit)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
}
