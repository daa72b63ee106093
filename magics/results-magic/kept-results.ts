/** The results the magics keep in the notebook scope: `$last`, and `$results.NAME` for each --name NAME. */
import type { MagicContext } from "../framework/magic-context";
import type { ConclabResult } from "../result/experiment-result";
import { UsageError } from "../framework/usage-error";
import { isConclabResult } from "./result-entries";

export interface KeptResult {
  /** "$last" or a key of $results. */
  name: string;
  result: ConclabResult;
  /** A named result that is also the latest one. */
  isLast: boolean;
}

/** The named results in the order they were kept, then `$last` unless it is one of them. */
export function keptResults(scope: Record<string, unknown>): KeptResult[] {
  const last = isConclabResult(scope.$last) ? scope.$last : undefined;
  const named = Object.entries((scope.$results as Record<string, unknown> | undefined) ?? {}).flatMap(([name, result]) => (isConclabResult(result) ? [{ name, result, isLast: result === last }] : []));
  return last === undefined || named.some((k) => k.isLast) ? named : [...named, { name: "$last", result: last, isLast: true }];
}

/** The names the kept results go by in %results: each --name, and $last for the latest. */
export function keptNames(kept: readonly KeptResult[]): string[] {
  const names = kept.map((k) => k.name);
  if (!names.includes("$last") && kept.some((k) => k.isLast)) names.push("$last");
  return names;
}

export function knownNames(kept: readonly KeptResult[]): string {
  const names = keptNames(kept);
  return names.length === 0 ? "none yet: run an experiment magic with --name NAME, e.g. %%sync --name first" : names.join(", ");
}

/** `$last` or `last` for the latest result (unless a result is named "last"), a key of $results, or `$results.KEY`. */
export function findKeptResult(scope: Record<string, unknown>, name: string, forWhat: string): KeptResult {
  const kept = keptResults(scope);
  const key = name.replace(/^\$results\./, "");
  const found = kept.find((k) => k.name === key) ?? (key === "$last" || key === "last" ? kept.find((k) => k.isLast) : undefined);
  if (!found) throw new UsageError(`${forWhat}: there is no kept result named ${JSON.stringify(name)}; the kept results are: ${knownNames(kept)} (%results lists them)`);
  return found;
}

/** How the notebook spells it: `$last` or `$results.NAME`. */
export function shownName(kept: KeptResult): string {
  return kept.name === "$last" ? "$last" : `$results.${kept.name}`;
}

/** $last is always the latest result; --name NAME also keeps it as $results.NAME. */
export function keepResult(ctx: MagicContext, result: ConclabResult, name: string | undefined): void {
  ctx.notebookScope.$last = result;
  if (name === undefined) return;
  const kept = (ctx.notebookScope.$results as Record<string, ConclabResult> | undefined) ?? {};
  kept[name] = result;
  ctx.notebookScope.$results = kept;
}
