/**
 * Verdict cells of the tutorial notebooks. Each claim has a judge (`judgeC1($results, { io: "io" })`,
 * ...) that reads the results it names and computes whether the claim holds, with every sentence
 * computed from the figures; `verdict(judgeC1(...))` shows it, naming the claims, the figures it rests
 * on (with their runs and intervals), the machine, and whether the machine was busy.
 * `measured($results, [...])` takes results for a verdict cell of one's own, failing loudly when one
 * is missing or did not run cleanly (a judge says it cannot judge instead).
 */
import type { ComparisonResult, ConclabResult, MachineInfo } from "../magics/result/experiment-result";
import { NO_RESULT } from "../common/mime-bundle";
import { escapeHtml } from "../common/html-escape";
import { renderMarkdown } from "../common/markdown";
import { kernelHooks } from "../public/kernel-hooks";
import { MimeBundle } from "../common/mime-bundle";
import { ARTICLE_CLAIMS, HOLDS, HOLDS_COLOURS, VERDICT_MIME, VerdictRuntime, holdsLabel, runtimeLabel } from "../common/verdict-output";
import { choosePython } from "../magics/runners/python-interpreter";
import { Allowances, ClaimId, Figure, Holds, MachineBusy, OfKind, ResultKind, VerdictInput, describeValue, experimentsOf, isResult, machineBusy, resultProblems } from "./evidence";

/** The figures a verdict quotes, written as the magics' tables write them. */
export { formatBytes, formatMs } from "../common/units";
export type { Allowances, ClaimId, Figure, Holds, KeptResults, MachineBusy, ResultKind, VerdictInput } from "./evidence";
export { BUSY_SHARE, machineBusy } from "./evidence";
/** What the verdicts read a run as, for a notebook's own tables to show the same figures. */
export { coresBusy, inFlightOf, lanesUsed, spreadText } from "./readings";
export { judgeC1, judgeC2, judgeC7 } from "./io-claims";
export { judgeC6, judgeC8, workerCounts } from "./cpu-claims";
export { judgeC5, judgeC11 } from "./parallelism-claims";
export { judgeC3, judgeC9, judgeC10, type PlainProgram } from "./failure-claims";
export { judgeC4, judgeC12, judgeDataHandoff } from "./memory-claims";

export interface Verdict {
  kind: "conclab.verdict";
  claims: ClaimId[];
  holds: Holds;
  text: string;
  /** The names of the results it was computed from. */
  from: string[];
  /** What it rests on: the figures its text quotes, each with its result, runs and interval. */
  figures: Figure[];
  /** The measured runs of the results it was computed from: the fewest and the most of any experiment among them. */
  runs: { fewest: number; most: number };
  /** The machine the results ran on; undefined only for a verdict that could not judge for want of any result. */
  machine: MachineInfo | undefined;
  /** Whether the machine was busy while they ran. */
  load: MachineBusy;
  /** The runtime that ran the results (Node for results made before results named theirs); undefined only with no result. */
  runtime: VerdictRuntime | undefined;
  /** Set when the results are missing because no Python interpreter was found: the magic's own message. */
  notMeasured?: string;
}

/** The runtime of a result's experiments; a result from before results carried one ran on Node. */
function runtimesOf(result: ConclabResult): VerdictRuntime[] {
  return experimentsOf(result).map((e) => (e as { runtime?: VerdictRuntime }).runtime ?? { implementation: "node", version: e.machine.node });
}

/** The MIME type of a verdict's data in a cell's outputs: the notebook tests and the runner's report index look for it. */
export { VERDICT_MIME } from "../common/verdict-output";

export class VerdictError extends Error {
  override name = "VerdictError";
}

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
    for (const problem of resultProblems(result, allow)) throw new VerdictError(`no verdict: $results.${name} ${problem}; fix or re-run that experiment first.`);
    if (result.kind !== kind) throw new VerdictError(`no verdict: $results.${name} is a ${result.kind} result where a ${kind} was expected; pass { kind: "${result.kind.replace("conclab.", "")}" } to measured() to read it`);
    picked[name] = result as OfKind<T[K], N>;
  }
  return picked;
}

/** What a verdict computed from a missing or broken figure prints. */
const NOT_A_FIGURE = /\b(NaN|undefined|-?Infinity)\b|\[object Object\]/;

/** Checks a verdict and adds what it rests on (runs, machine, load); throws a VerdictError naming what is wrong. */
export function judge(input: VerdictInput): Verdict {
  const claims = input.claims;
  if (!Array.isArray(claims) || claims.length === 0) throw new VerdictError('a verdict names the claims it judges, e.g. claims: ["C1", "C7"]; got none');
  const badClaim = claims.find((c) => !Object.hasOwn(ARTICLE_CLAIMS, c));
  if (badClaim !== undefined) throw new VerdictError(`claims are written C1 to C12, as ../shared/CLAIMS.md numbers them; got ${JSON.stringify(badClaim)}`);
  if (!HOLDS.includes(input.holds)) throw new VerdictError(`holds is true, false, "partly" or "cannot judge"; got ${JSON.stringify(input.holds)}`);
  if (typeof input.text !== "string" || input.text.trim() === "") throw new VerdictError("a verdict's text says what was measured and which threshold decided it; got no text");
  const figures = input.figures ?? [];
  for (const shown of [input.text, ...figures.flatMap((f) => [f.what, f.value, f.interval ?? ""])]) {
    const broken = NOT_A_FIGURE.exec(shown);
    if (broken) throw new VerdictError(`no verdict: it shows "${broken[0]}" where a measured figure should be, so a figure it quotes was not computed: ${shown.trim()}`);
  }
  const bad = figures.find((f) => typeof f.result !== "string" || !(f.runs >= 1));
  if (bad) throw new VerdictError(`a figure names the result it comes from and its runs (1 or more); got ${JSON.stringify(bad)}`);
  const names = Object.keys(input.from ?? {});
  if (names.length === 0 && input.holds !== "cannot judge") throw new VerdictError("a verdict says which results it was computed from: pass from: measured($results, [...names])");
  for (const name of names) {
    const result = input.from[name];
    if (!isResult(result)) throw new VerdictError(`no verdict: from.${name} is not a magic's result (got ${describeValue(result)}); take it with measured($results, ["${name}"])`);
  }
  const machine = names.length > 0 ? input.from[names[0]].machine : undefined;
  const other = names.find((n) => machine && machineLabel(input.from[n].machine) !== machineLabel(machine));
  if (machine && other !== undefined) throw new VerdictError(`a verdict's figures come from one machine; ${names[0]} ran on ${machineLabel(machine)} but ${other} on ${machineLabel(input.from[other].machine)}: re-run the notebook from the top`);
  const runtimes = names.map((n) => ({ name: n, runtimes: runtimesOf(input.from[n]) }));
  const runtime = runtimes[0]?.runtimes[0];
  const otherRuntime = runtimes.find((r) => r.runtimes.some((rt) => runtimeLabel(rt) !== runtimeLabel(runtime)));
  if (runtime && otherRuntime) {
    const theirs = [...new Set(otherRuntime.runtimes.map(runtimeLabel))].join(" and ");
    throw new VerdictError(`a verdict's figures come from one runtime; ${names[0]} ran on ${runtimeLabel(runtime)} but ${otherRuntime.name} on ${theirs}: judge each runtime's results apart, e.g. verdict(judgeC1($results, { io: "io" }), judgeC1($results, { io: "pyIo" }))`);
  }
  const runCounts = Object.values(input.from ?? {}).flatMap(experimentsOf).map((e) => e.runs.length);
  return {
    kind: "conclab.verdict",
    claims: [...claims],
    holds: input.holds,
    text: input.text.trim(),
    from: names,
    figures: figures.map((f) => ({ ...f })),
    runs: { fewest: runCounts.length ? Math.min(...runCounts) : 0, most: runCounts.length ? Math.max(...runCounts) : 0 },
    machine,
    load: machineBusy(input.from ?? {}),
    runtime: runtime ? { ...runtime } : undefined,
  };
}

/** The CPython verdict of a pair, marked as not measured when it has no results because no interpreter was found. */
function judgeCPython(input: VerdictInput): Verdict {
  const checked = judge(input);
  if (checked.from.length > 0) return checked;
  const python = choosePython(undefined, process.env);
  return python.found ? checked : { ...checked, notMeasured: python.message.replace(/^CPython not measured: /, "") };
}

/** What a verdict line is "on": the runtime of its figures; with none, the runtime its place in a pair stands for. */
function onLabel(v: Verdict, place: "Node" | "CPython"): string {
  return v.runtime ? runtimeLabel(v.runtime) : place;
}

/** A verdict's outcome and the figures that decide it, in one line: "holds — spawn against async: wall time 3.60×; ...". */
function verdictLine(v: Verdict, place: "Node" | "CPython"): string {
  const on = `on ${onLabel(v, place)}`;
  if (v.notMeasured) return `${on}: not measured: ${v.notMeasured}`;
  const reason = v.holds === "cannot judge" ? cannotJudgeReason(v.text) : undefined;
  if (reason !== undefined) return `${on}: ${holdsLabel(v.holds)} — ${firstSentence(reason)}`;
  // A verdict that cannot judge without a reason of its own was measured, and its findings showed nothing either way: its figures say so.
  const strong = v.figures.filter((f) => f.strong);
  const shown = (strong.length > 0 ? strong : v.figures.slice(0, FIGURES_IN_LINE)).map((f) => `${f.what} ${f.value}`);
  return `${on}: ${holdsLabel(v.holds)} — ${shown.length > 0 ? shown.join("; ") : firstSentence(v.text)}`;
}

/** The figures a verdict line names when the judge marked none as deciding. */
const FIGURES_IN_LINE = 3;

/** Why a verdict cannot judge: the paragraph evidence.ts writes as "Cannot judge: ...", without it; undefined when there is none. */
function cannotJudgeReason(text: string): string | undefined {
  return text
    .split("\n\n")
    .find((p) => p.startsWith("Cannot judge: "))
    ?.replace(/^Cannot judge: /, "");
}

/** A text's first sentence, without its asides in parentheses. */
function firstSentence(text: string): string {
  let plain = text;
  for (let before = ""; before !== plain; ) [before, plain] = [plain, plain.replace(/\s*\([^()]*\)/g, "")];
  const end = plain.search(/[.:](\s|$)/);
  return (end < 0 ? plain : plain.slice(0, end)).replace(/\*/g, "").trim();
}

/**
 * Shows one verdict under the cell and returns it; with `cpython`, the same claim judged from the
 * CPython results as well: first one line each ("on Node: holds — ...", "on CPython 3.11 (GIL): ..."),
 * then both verdicts in full. Returns the verdicts shown.
 */
export function verdict(input: VerdictInput): Verdict;
export function verdict(node: VerdictInput, cpython: VerdictInput): Verdict[];
export function verdict(input: VerdictInput, cpython?: VerdictInput): Verdict | Verdict[] {
  const checked = judge(input);
  if (cpython === undefined) {
    showVerdicts([checked], { "text/html": verdictHtml(checked), "text/plain": verdictText(checked) });
    return hidden(checked);
  }
  const pair = [checked, judgeCPython(cpython)] as const;
  const lines = [verdictLine(pair[0], "Node"), verdictLine(pair[1], "CPython")];
  const full = pair.filter((v) => !v.notMeasured);
  showVerdicts([...pair], {
    "text/html": `<div class="conclab-verdict-pair"><ul>${lines.map((l) => `<li>${renderInline(l)}</li>`).join("")}</ul>${full.map(verdictHtml).join("")}</div>`,
    "text/plain": [lines.join("\n"), ...full.map(verdictText)].join("\n\n"),
  });
  return hidden([...pair]);
}

/** A line of markdown without its paragraph. */
function renderInline(line: string): string {
  return renderMarkdown(line).replace(/^\s*<p>|<\/p>\s*$/g, "");
}

/**
 * Shows several verdicts as one table (one row per claim) and returns them. A row given as a pair,
 * `[judgeC1($results, { io: "io" }), judgeC1($results, { io: "pyIo" })]`, shows the Node verdict and the
 * CPython one side by side.
 */
export function verdicts(inputs: (VerdictInput | readonly [VerdictInput, VerdictInput])[]): Verdict[] {
  if (inputs.length === 0) throw new VerdictError("verdicts([...]) needs at least one verdict");
  const rows: Row[] = inputs.map((input) => (isPair(input) ? { node: judge(input[0]), cpython: judgeCPython(input[1]) } : { node: judge(input) }));
  const checked = rows.flatMap((r) => (r.cpython ? [r.node, r.cpython] : [r.node]));
  const text = rows.map((r) => (r.cpython ? [verdictLine(r.node, "Node"), verdictLine(r.cpython, "CPython"), verdictText(r.node), ...(r.cpython.notMeasured ? [] : [verdictText(r.cpython)])].join("\n") : verdictText(r.node)));
  showVerdicts(checked, { "text/html": verdictTableHtml(rows), "text/plain": text.join("\n\n") });
  return hidden(checked);
}

/** A row of the table of verdicts: a claim's Node verdict, and its CPython one when given. */
interface Row {
  node: Verdict;
  cpython?: Verdict;
}

function isPair(input: VerdictInput | readonly [VerdictInput, VerdictInput]): input is readonly [VerdictInput, VerdictInput] {
  return Array.isArray(input);
}

function showVerdicts(shown: Verdict[], bundle: MimeBundle): void {
  kernelHooks().display({ ...bundle, [VERDICT_MIME]: { verdicts: shown } }, {});
}

/** Not shown again as the cell's result when it is the last expression: it is already on screen. */
function hidden<T extends object>(value: T): T {
  return Object.defineProperty(value, NO_RESULT, { value: true, enumerable: false });
}

function machineLabel(m: MachineInfo): string {
  return `${m.cores} cores, ${m.cpuModel}, Node ${m.node} (V8 ${m.v8}), ${m.os}`;
}

function badge(holds: Holds): string {
  const label = holdsLabel(holds);
  return `<span style="background:${HOLDS_COLOURS[label]};color:#fff;border-radius:3px;padding:1px 6px;font-weight:600">${label}</span>`;
}

function claimList(claims: ClaimId[]): string {
  return claims.join(", ");
}

function runsLabel(v: Verdict): string {
  const { fewest, most } = v.runs;
  if (most === 0) return "no measured runs";
  return `${fewest === most ? most : `${fewest} to ${most}`} measured run${most === 1 ? "" : "s"} per experiment`;
}

function figureLine(f: Figure): string {
  return `${f.what}: ${f.value} (${f.result}, ${f.runs === 1 ? "one run" : `${f.runs} runs`}${f.interval ? `; ${f.interval}` : ""})`;
}

/** What a verdict rests on, in words: its figures, runs, machine and load. */
function restsOnText(v: Verdict): string {
  const figures = v.figures.length ? v.figures.map((f) => `  - ${figureLine(f)}`).join("\n") : "  - no figures";
  return `Rests on (${runsLabel(v)}):\n${figures}\nMachine: ${v.machine ? machineLabel(v.machine) : "no result ran"}; ${v.load.text}.`;
}

function restsOnHtml(v: Verdict): string {
  const rows = v.figures
    .map((f) => `<tr><td style="text-align:left">${escapeHtml(f.what)}</td><td>${escapeHtml(f.value)}</td><td>${escapeHtml(f.result)}</td><td>${f.runs}</td><td style="text-align:left">${escapeHtml(f.interval ?? "")}</td></tr>`)
    .join("");
  const table = rows
    ? `<table style="font-size:smaller"><thead><tr><th style="text-align:left">figure</th><th>value</th><th>result</th><th>runs</th><th style="text-align:left">interval and test</th></tr></thead><tbody>${rows}</tbody></table>`
    : "<p>No figures.</p>";
  return (
    `<details style="font-size:smaller;color:#57606a"><summary>Rests on ${v.figures.length} figure${v.figures.length === 1 ? "" : "s"}, ${escapeHtml(runsLabel(v))}; ` +
    `${escapeHtml(v.machine ? `${v.machine.cores} cores` : "no machine")}, ${escapeHtml(v.load.busy === undefined ? "load not known" : v.load.busy ? "busy" : "not busy")}</summary>${table}` +
    `<p>Machine: ${escapeHtml(v.machine ? machineLabel(v.machine) : "no result ran")}; ${escapeHtml(v.load.text)}. Results: ${escapeHtml(v.from.join(", ") || "none")}.</p></details>`
  );
}

/** ", on Node", ", on CPython 3.11 (GIL)": from the figures; nothing for a verdict with none. */
function onRuntime(v: Verdict): string {
  return v.runtime ? `, on ${runtimeLabel(v.runtime)}` : "";
}

function verdictText(v: Verdict): string {
  return `Verdict on ${claimList(v.claims)}${onRuntime(v)}: ${holdsLabel(v.holds)}.\n${v.text}\n${restsOnText(v)}`;
}

function verdictHtml(v: Verdict): string {
  return (
    `<div class="conclab-verdict" data-claims="${escapeHtml(v.claims.join(" "))}" style="border-left:4px solid ${HOLDS_COLOURS[holdsLabel(v.holds)]};padding:4px 12px;margin:4px 0">` +
    `<p><b>Verdict on ${escapeHtml(claimList(v.claims))}</b>${escapeHtml(onRuntime(v))}: ${badge(v.holds)}</p>` +
    renderMarkdown(v.text) +
    restsOnHtml(v) +
    `</div>`
  );
}

function verdictCell(v: Verdict): string {
  if (v.notMeasured) return `<td>not measured</td>`;
  return `<td>${badge(v.holds)}${v.runtime ? `<br><span style="font-size:smaller;color:#57606a">${escapeHtml(runtimeLabel(v.runtime))}</span>` : ""}</td>`;
}

function measuredHere(v: Verdict, place: "Node" | "CPython", paired: boolean): string {
  if (v.notMeasured) return `<p><b>${escapeHtml(onLabel(v, place))}</b>: not measured: ${escapeHtml(v.notMeasured)}</p>`;
  return `${paired ? `<p><b>${escapeHtml(onLabel(v, place))}</b></p>` : ""}${renderMarkdown(v.text)}${restsOnHtml(v)}`;
}

function verdictTableHtml(rows: Row[]): string {
  const paired = rows.some((r) => r.cpython);
  const body = rows
    .map((r) => {
      const cpython = paired ? (r.cpython ? verdictCell(r.cpython) : "<td>not measured here</td>") : "";
      const text = measuredHere(r.node, "Node", paired) + (r.cpython ? measuredHere(r.cpython, "CPython", true) : "");
      return `<tr><td>${escapeHtml(claimList(r.node.claims))}</td>${verdictCell(r.node)}${cpython}<td style="text-align:left">${text}</td></tr>`;
    })
    .join("");
  const all = rows.flatMap((r) => (r.cpython ? [r.node, r.cpython] : [r.node]));
  const machines = [...new Set(all.flatMap((v) => (v.machine ? [machineLabel(v.machine)] : [])))];
  return (
    `<div class="conclab-verdict" data-claims="${escapeHtml(rows.flatMap((r) => r.node.claims).join(" "))}"><table><thead><tr><th>claim</th><th>on Node</th>${paired ? "<th>on CPython</th>" : ""}<th style="text-align:left">measured here</th></tr></thead><tbody>${body}</tbody></table>` +
    `<p style="font-size:smaller;color:#57606a">Figures from: ${escapeHtml(machines.join("; ") || "no result ran")}.</p></div>`
  );
}

/**
 * From a %%compare result: `model`'s wall time over the first model's ("time"), or the first's over the
 * model's ("speedup"): the median per-round ratio, with its interval (turned the same way), its confidence
 * and the verdict of the paired test. `beyond` is true when the verdict is slower or faster: a difference
 * shown and beyond the negligible threshold. "no difference shown" is said as such, never as "the same".
 */
export function ratioOf(comparison: ComparisonResult, model: string, as: "time" | "speedup" = "time"): { value: number; beyond: boolean; text: string } {
  const found = comparison.ratios.find((r) => r.model === model);
  if (!found) throw new VerdictError(`${comparison.magicLine} ran no model ${model}; it ran ${comparison.models.join(", ")}`);
  const flip = (v: number) => (as === "speedup" ? 1 / v : v);
  const value = flip(found.ratio);
  const { test } = found;
  if (!test) return { value, beyond: false, text: `**${value.toFixed(2)}×** (${model === comparison.models[0] ? "the baseline" : "no verdict: too few rounds for the test"})` };
  const [low, high] = test.interval.map(flip).sort((a, b) => a - b);
  const verdict = test.verdict === "negligible" ? `negligible, within ±${Number((test.negligible * 100).toPrecision(3))}%` : test.verdict;
  const text = `**${value.toFixed(2)}×** (${low.toFixed(2)}–${high.toFixed(2)}× at ${(test.confidence * 100).toFixed(1)}% confidence, ${verdict})`;
  return { value, beyond: test.verdict === "slower" || test.verdict === "faster", text };
}
