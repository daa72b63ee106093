/**
 * Verdict cells of the tutorial notebooks: `measured($results, [...])` takes the results a verdict
 * is computed from, failing loudly when one is missing or did not run cleanly; `verdict({...})`
 * shows whether the article's claims hold, naming the claims and the machine the figures are from.
 */
import type { ComparisonResult, ConclabResult, ExperimentResult, MachineInfo } from "../magics/result/experiment-result";
import { NO_RESULT } from "../common/mime-bundle";
import { escapeHtml } from "../common/html-escape";
import { renderMarkdown } from "../common/markdown";
import { kernelHooks } from "../public/kernel-hooks";
import { MimeBundle } from "../common/mime-bundle";

/** The figures a verdict quotes, written as the magics' tables write them. */
export { formatBytes, formatMs } from "../common/units";

/** A claim of the article, as ../shared/CLAIMS.md numbers them: C1 to C12. */
export type ClaimId = `C${number}`;

/** `"partly"`: the claim holds under some of the measured conditions and not under others. */
export type Holds = boolean | "partly";

export interface VerdictInput {
  claims: ClaimId[];
  holds: Holds;
  /** Markdown: the measured figures the verdict rests on, and the threshold it used. */
  text: string;
  /** The results the verdict was computed from (from `measured`): they say which machine the figures are from. */
  from: Record<string, ConclabResult>;
}

export interface Verdict {
  kind: "conclab.verdict";
  claims: ClaimId[];
  holds: Holds;
  text: string;
  /** The names of the results it was computed from. */
  from: string[];
  machine: MachineInfo;
}

/** The MIME type of a verdict's data in a cell's outputs: the notebook tests look for it. */
export const VERDICT_MIME = "application/vnd.conclab.verdict+json";

export class VerdictError extends Error {
  override name = "VerdictError";
}

/** What a verdict may be computed from besides clean runs, and which kind of result it reads. */
export interface Allowances<N extends ResultKind = ResultKind> {
  /** Tasks that threw (an experiment about errors). */
  failures?: boolean;
  /** A run stopped by --timeout (an experiment about deadlocks). */
  timeout?: boolean;
  /** The kind of result the names hold: "experiment" (one magic; the default), "comparison" (%%compare) or "sweep" (--sweep). */
  kind?: N;
}

export type ResultKind = "experiment" | "comparison" | "sweep";
type OfKind<R, N extends ResultKind> = Extract<R, { kind: `conclab.${N}` }>;
/** Each name's result as `results` types it (an experiment kept by name keeps its `values`), narrowed to the kind asked for. */
export type Measured<T, K extends keyof T, N extends ResultKind> = { [P in K]: OfKind<T[P], N> };

/**
 * The results kept as `$results.NAME` for each name, checked: every one exists, is of the kind
 * asked for, ran to the end and had no failed task (unless `allow` says so). Throws a
 * VerdictError naming what is wrong.
 */
export function measured<T extends Readonly<Record<string, ConclabResult>>, K extends keyof T & string, N extends ResultKind = "experiment">(
  results: T | undefined,
  names: readonly K[],
  allow: Allowances<N> = {},
): Measured<T, K, N> {
  if (names.length === 0) throw new VerdictError('measured(): name at least one result, e.g. measured($results, ["ioAsync"])');
  const kind = `conclab.${allow.kind ?? "experiment"}`;
  const picked = {} as Measured<T, K, N>;
  for (const name of names) {
    const result = results?.[name];
    if (result === undefined) {
      const kept = Object.keys(results ?? {});
      throw new VerdictError(
        `no verdict: $results.${name} is missing, so the experiment it comes from (the magic cell with --name ${name}) did not run or failed. ` +
          `Run the notebook from the top (results kept so far: ${kept.length ? kept.join(", ") : "none"}).`,
      );
    }
    for (const problem of problems(result, allow)) throw new VerdictError(`no verdict: $results.${name} ${problem}; fix or re-run that experiment first.`);
    if (result.kind !== kind) throw new VerdictError(`no verdict: $results.${name} is a ${result.kind} result where a ${kind} was expected; pass { kind: "${result.kind.replace("conclab.", "")}" } to measured() to read it`);
    picked[name] = result as OfKind<T[K], N>;
  }
  return picked;
}

function experimentsOf(result: ConclabResult): ExperimentResult[] {
  if (result.kind === "conclab.experiment") return [result];
  if (result.kind === "conclab.comparison") return result.experiments;
  return result.points.flatMap(experimentsOf);
}

function problems(result: ConclabResult, allow: Allowances): string[] {
  if (!isResult(result)) return [`is not a magic's result (got ${describe(result)})`];
  return experimentsOf(result).flatMap((e) => {
    const found: string[] = [];
    if (e.state === "timed-out" && !allow.timeout) found.push(`(${e.magicLine}) passed its --timeout of ${e.timeout.seconds} s`);
    if (e.summary.tasksFailed > 0 && !allow.failures) {
      const first = e.runs.flatMap((r) => r.failures)[0];
      found.push(`(${e.magicLine}) had ${e.summary.tasksFailed} failed task(s)${first ? `, e.g. task ${first.index}: ${first.name}: ${first.message}` : ""}`);
    }
    return found;
  });
}

function isResult(value: unknown): value is ConclabResult {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string" && (value as { kind: string }).kind.startsWith("conclab.");
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

const CLAIM = /^C([1-9]\d*)$/;
/** What a verdict computed from a missing or broken figure prints. */
const NOT_A_FIGURE = /\b(NaN|undefined|-?Infinity)\b|\[object Object\]/;

/** Checks a verdict and adds the machine its results ran on; throws a VerdictError naming what is wrong. */
export function judge(input: VerdictInput): Verdict {
  const claims = input.claims;
  if (!Array.isArray(claims) || claims.length === 0) throw new VerdictError('a verdict names the claims it judges, e.g. claims: ["C1", "C7"]; got none');
  const badClaim = claims.find((c) => !CLAIM.test(c));
  if (badClaim !== undefined) throw new VerdictError(`claims are written C1 to C12, as ../shared/CLAIMS.md numbers them; got ${JSON.stringify(badClaim)}`);
  if (input.holds !== true && input.holds !== false && input.holds !== "partly") throw new VerdictError(`holds is true, false or "partly"; got ${JSON.stringify(input.holds)}`);
  if (typeof input.text !== "string" || input.text.trim() === "") throw new VerdictError("a verdict's text says what was measured and which threshold decided it; got no text");
  const broken = NOT_A_FIGURE.exec(input.text);
  if (broken) throw new VerdictError(`no verdict: its text shows "${broken[0]}" where a measured figure should be, so a figure it quotes was not computed: ${input.text.trim()}`);
  const names = Object.keys(input.from ?? {});
  if (names.length === 0) throw new VerdictError("a verdict says which results it was computed from: pass from: measured($results, [...names])");
  for (const name of names) {
    const result = input.from[name];
    if (!isResult(result)) throw new VerdictError(`no verdict: from.${name} is not a magic's result (got ${describe(result)}); take it with measured($results, ["${name}"])`);
  }
  const machine = input.from[names[0]].machine;
  const other = names.find((n) => machineLabel(input.from[n].machine) !== machineLabel(machine));
  if (other !== undefined) throw new VerdictError(`a verdict's figures come from one machine; ${names[0]} ran on ${machineLabel(machine)} but ${other} on ${machineLabel(input.from[other].machine)}: re-run the notebook from the top`);
  return { kind: "conclab.verdict", claims: [...claims], holds: input.holds, text: input.text.trim(), from: names, machine };
}

/** Shows one verdict under the cell and returns it. */
export function verdict(input: VerdictInput): Verdict {
  const checked = judge(input);
  showVerdicts([checked], { "text/html": verdictHtml(checked), "text/plain": verdictText(checked) });
  return hidden(checked);
}

/** Shows several verdicts as one table (one row per verdict) and returns them. */
export function verdicts(inputs: VerdictInput[]): Verdict[] {
  if (inputs.length === 0) throw new VerdictError("verdicts([...]) needs at least one verdict");
  const checked = inputs.map(judge);
  showVerdicts(checked, { "text/html": verdictTableHtml(checked), "text/plain": checked.map(verdictText).join("\n\n") });
  return hidden(checked);
}

function showVerdicts(shown: Verdict[], bundle: MimeBundle): void {
  kernelHooks().display({ ...bundle, [VERDICT_MIME]: { verdicts: shown } }, {});
}

/** Not shown again as the cell's result when it is the last expression: it is already on screen. */
function hidden<T extends object>(value: T): T {
  return Object.defineProperty(value, NO_RESULT, { value: true, enumerable: false });
}

function holdsLabel(holds: Holds): string {
  return holds === true ? "holds" : holds === false ? "does not hold" : "holds in part";
}

function machineLabel(m: MachineInfo): string {
  return `${m.cores} cores, ${m.cpuModel}, Node ${m.node} (V8 ${m.v8}), ${m.os}`;
}

const COLOURS: Record<string, string> = { holds: "#1a7f37", "does not hold": "#cf222e", "holds in part": "#9a6700" };

function badge(holds: Holds): string {
  const label = holdsLabel(holds);
  return `<span style="background:${COLOURS[label]};color:#fff;border-radius:3px;padding:1px 6px;font-weight:600">${label}</span>`;
}

function claimList(claims: ClaimId[]): string {
  return claims.join(", ");
}

function verdictText(v: Verdict): string {
  return `Verdict on ${claimList(v.claims)}, on Node: ${holdsLabel(v.holds)}.\n${v.text}\nFigures from: ${machineLabel(v.machine)}.`;
}

function verdictHtml(v: Verdict): string {
  return (
    `<div class="conclab-verdict" data-claims="${escapeHtml(v.claims.join(" "))}" style="border-left:4px solid ${COLOURS[holdsLabel(v.holds)]};padding:4px 12px;margin:4px 0">` +
    `<p><b>Verdict on ${escapeHtml(claimList(v.claims))}</b>, on Node: ${badge(v.holds)}</p>` +
    renderMarkdown(v.text) +
    `<p style="font-size:smaller;color:#57606a">Figures from: ${escapeHtml(machineLabel(v.machine))} (results: ${escapeHtml(v.from.join(", "))}).</p></div>`
  );
}

function verdictTableHtml(all: Verdict[]): string {
  const rows = all.map((v) => `<tr><td>${escapeHtml(claimList(v.claims))}</td><td>${badge(v.holds)}</td><td style="text-align:left">${renderMarkdown(v.text)}</td></tr>`).join("");
  const machines = [...new Set(all.map((v) => machineLabel(v.machine)))];
  return (
    `<div class="conclab-verdict" data-claims="${escapeHtml(all.flatMap((v) => v.claims).join(" "))}"><table><thead><tr><th>claim</th><th>on Node</th><th style="text-align:left">measured here</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<p style="font-size:smaller;color:#57606a">Figures from: ${escapeHtml(machines.join("; "))}.</p></div>`
  );
}

/**
 * From a %%compare result: `model`'s median wall time over the first model's ("time"), or the first's
 * over the model's ("speedup"), with its bootstrap 95% interval and whether that excludes 1 (beyond noise).
 */
export function ratioOf(comparison: ComparisonResult, model: string, as: "time" | "speedup" = "time"): { value: number; beyond: boolean; text: string } {
  const found = comparison.ratios.find((r) => r.model === model);
  if (!found) throw new VerdictError(`${comparison.magicLine} ran no model ${model}; it ran ${comparison.models.join(", ")}`);
  const flip = (v: number) => (as === "speedup" ? 1 / v : v);
  const value = flip(found.ratio);
  const interval = found.noise?.interval.map(flip).sort((a, b) => a - b);
  const beyond = found.noise?.beyondNoise ?? false;
  const noise = interval ? `95% interval ${interval[0].toFixed(2)}–${interval[1].toFixed(2)}×, ${beyond ? "beyond noise" : "within noise"}` : "no noise test: fewer than 5 runs";
  return { value, beyond, text: `**${value.toFixed(2)}×** (${noise})` };
}
