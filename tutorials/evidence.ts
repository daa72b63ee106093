/**
 * What a verdict rests on: the results it reads, taken so that a missing or failed one gives a
 * "cannot judge" verdict naming it; the figures its text quotes, each with the result, the number
 * of runs and (for a comparison) the interval it comes from; and whether the machine was busy.
 */
import type { ConclabResult, ExperimentResult } from "../magics/result/experiment-result";
import type { Holds } from "../common/verdict-output";
import { type LoadOverRuns, loadOverRuns } from "../magics/measure/machine-load";

export { BUSY_SHARE } from "../magics/measure/machine-load";

export type { Holds };

/** A claim of the article, as ../shared/CLAIMS.md numbers them: C1 to C12 (ARTICLE_CLAIMS). */
export type ClaimId = `C${number}`;

/** One figure a verdict quotes, and where it comes from. */
export interface Figure {
  /** What was measured, e.g. "async: wall time". */
  what: string;
  /** As the verdict's text quotes it, e.g. "41.2 ms". */
  value: string;
  /** The result it was read from, as `$results` names it, with the sweep point if any: "many (tasks=1000)". */
  result: string;
  /** How many measured runs it rests on (a median of that many, or one run). */
  runs: number;
  /** For a comparison: the interval of the ratio, its confidence and the test's verdict. */
  interval?: string;
  /** One of the figures that decide the verdict (bold in its text): a verdict's one-line summary quotes these. */
  strong?: true;
}

export interface VerdictInput {
  claims: ClaimId[];
  holds: Holds;
  /** Markdown: the measured figures the verdict rests on, and the threshold it used. */
  text: string;
  /** The results the verdict was computed from: they say which machine the figures are from. Only a "cannot judge" verdict may have none. */
  from: Record<string, ConclabResult>;
  /** The figures the text quotes, each with the result, the runs and the interval it comes from. */
  figures?: Figure[];
}

export type ResultKind = "experiment" | "comparison" | "sweep";

/** What a verdict may be computed from besides clean runs, and which kind of result it reads. */
export interface Allowances<N extends ResultKind = ResultKind> {
  /** Tasks that threw (an experiment about errors). */
  failures?: boolean;
  /** A run stopped by --timeout (an experiment about deadlocks). */
  timeout?: boolean;
  /** The kind of result the names hold: "experiment" (one magic; the default), "comparison" (%%compare) or "sweep" (--sweep). */
  kind?: N;
}

export type OfKind<R, N extends ResultKind> = Extract<R, { kind: `conclab.${N}` }>;

/** `$results` as a notebook holds it: a result for every --name that ran. */
export type KeptResults = Readonly<Record<string, ConclabResult | undefined>>;

export function isResult(value: unknown): value is ConclabResult {
  return typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string" && (value as { kind: string }).kind.startsWith("conclab.");
}

export function describeValue(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

/** Every experiment a result holds: itself, a comparison's models, a sweep's points. */
export function experimentsOf(result: ConclabResult): ExperimentResult[] {
  if (result.kind === "conclab.experiment") return [result];
  if (result.kind === "conclab.comparison") return result.experiments;
  return result.points.flatMap(experimentsOf);
}

/** What keeps `result` from being read as `allow` says (failed tasks, a timeout), one sentence each. */
export function resultProblems(result: ConclabResult, allow: Allowances): string[] {
  if (!isResult(result)) return [`is not a magic's result (got ${describeValue(result)})`];
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

/** Why `$results[name]` cannot be read as `allow` asks, as sentences a verdict can print; none when it can. */
export function problemsOf(results: KeptResults | undefined, name: string, allow: Allowances): string[] {
  const result = results?.[name];
  if (result === undefined) {
    const kept = Object.keys(results ?? {});
    return [
      `$results.${name} is missing, so the experiment it comes from (the magic cell with --name ${name}) did not run or failed. ` +
        `Run the notebook from the top (results kept so far: ${kept.length ? kept.join(", ") : "none"}).`,
    ];
  }
  const found = resultProblems(result, allow).map((p) => `$results.${name} ${p}; fix or re-run that experiment first.`);
  if (found.length > 0 || !isResult(result)) return found;
  const kind = `conclab.${allow.kind ?? "experiment"}`;
  return result.kind === kind ? [] : [`$results.${name} is a ${result.kind} result where a ${kind} was expected.`];
}

/** The results one verdict reads: for each role, the name it is kept under and what it must be. */
export type Wanted = Record<string, { name: string } & Allowances>;

type Read<W extends Wanted> = { [R in keyof W]: OfKind<ConclabResult, NonNullable<W[R]["kind"]>> };

/** The results a verdict reads, by role, or why they cannot be read. `from` names the ones that exist, by their $results name. */
export type Gathered<W extends Wanted> = { ok: true; results: Read<W>; from: Record<string, ConclabResult> } | { ok: false; problems: string[]; from: Record<string, ConclabResult> };

/**
 * Takes each role's result from `$results`, checked as `measured()` checks it (it exists, is of the
 * kind asked for, ran to the end, had no failed task unless allowed), but returns what is wrong
 * instead of throwing, so that a verdict can say it cannot judge, and why.
 */
export function gather<W extends Wanted>(results: KeptResults | undefined, wanted: W): Gathered<W> {
  const problems: string[] = [];
  const from: Record<string, ConclabResult> = {};
  const read = {} as Record<string, ConclabResult>;
  for (const [role, want] of Object.entries(wanted)) {
    const found = problemsOf(results, want.name, want);
    const result = results?.[want.name];
    if (isResult(result)) from[want.name] = result;
    if (found.length > 0) problems.push(...found.filter((p) => !problems.includes(p)));
    else read[role] = result as ConclabResult;
  }
  return problems.length > 0 ? { ok: false, problems, from } : { ok: true, results: read as Read<W>, from };
}

/** How busy the machine was while the results ran (`busy` undefined when no run measured it, or the runs were too short to tell). */
export type MachineBusy = LoadOverRuns;

/**
 * Whether the machine was busy during the runs of `results`: busy when processes other than this
 * kernel used at least BUSY_SHARE (a quarter) of the cores over all their runs together, or over
 * the runs of any one experiment: a busy spell during one spoils its comparison with the others,
 * however quiet they were. A busy machine takes cores from the threads, so CPU-bound figures
 * measured on it say less than they seem to.
 */
export function machineBusy(results: ConclabResult | readonly ConclabResult[] | Readonly<Record<string, ConclabResult>>): MachineBusy {
  const list: ConclabResult[] = isResult(results) ? [results] : Array.isArray(results) ? [...(results as readonly ConclabResult[])] : Object.values(results as Record<string, ConclabResult>);
  const measured = list.flatMap(experimentsOf).map((e) => e.runs.filter((r) => r.load && Number.isFinite(r.load.otherProcessesCores) && r.load.cores > 0)).filter((runs) => runs.length > 0);
  if (measured.length === 0) {
    const cores = list[0]?.machine.cores ?? 0;
    return { busy: undefined, runs: 0, cores, wallMs: 0, otherProcessesCores: 0, uncertaintyCores: Infinity, text: "how busy the machine was is not known: no run measured the other processes' CPU" };
  }
  const overall = loadOverRuns(measured.flat());
  if (overall.busy) return overall;
  const busiest = measured
    .map(loadOverRuns)
    .filter((load) => load.busy)
    .sort((a, b) => b.otherProcessesCores - a.otherProcessesCores)[0];
  return busiest ? { ...busiest, text: `${busiest.text}, during one of the ${measured.length} experiments read (over all of them, ${overall.otherProcessesCores.toFixed(2)})` } : overall;
}

/** Where a figure comes from: the result's name (and sweep point), the runs, and a comparison's interval. */
export interface Source {
  result: string;
  runs: number;
  interval?: string;
}

/**
 * The figures of one verdict as its text quotes them: `quote` records a figure with where it comes
 * from and returns it as shown, so that the text and the list of what the verdict rests on cannot
 * drift apart.
 */
export class Evidence {
  private readonly quoted: Figure[] = [];

  constructor(
    readonly claims: ClaimId[],
    readonly from: Record<string, ConclabResult>,
  ) {}

  /** Records a figure and returns `value`, bold when `strong`. */
  quote(what: string, value: string, source: Source, strong = false): string {
    this.quoted.push({ what, value, result: source.result, runs: source.runs, ...(source.interval ? { interval: source.interval } : {}), ...(strong ? { strong: true as const } : {}) });
    return strong ? `**${value}**` : value;
  }

  get figures(): Figure[] {
    return [...this.quoted];
  }

  /** The verdict: its text is the paragraphs, joined. */
  verdict(holds: Holds, paragraphs: readonly string[]): VerdictInput {
    return { claims: [...this.claims], holds, text: paragraphs.filter((p) => p.trim() !== "").join("\n\n"), from: this.from, figures: this.figures };
  }

  /** A verdict that cannot judge the claims, saying why after what was measured, with the figures quoted so far. */
  cannotJudge(reasons: readonly string[], measured: readonly string[] = []): VerdictInput {
    return this.verdict("cannot judge", [...measured, `Cannot judge: ${reasons.join(" ")}`]);
  }
}

/** A "cannot judge" verdict for results that could not be read. */
export function cannotJudge(claims: ClaimId[], gathered: { problems: string[]; from: Record<string, ConclabResult> }): VerdictInput {
  return new Evidence(claims, gathered.from).cannotJudge(gathered.problems);
}

/** One condition a claim is tested under: what it showed. */
export type Finding = "supports" | "contradicts" | "not shown";

/**
 * A claim tested under several conditions: holds when every one supports it, does not hold when
 * every one contradicts it, holds in part when some support it and others do not; when none
 * supports it and some showed nothing either way, the figures cannot decide it.
 */
export function outcomeOf(findings: readonly Finding[]): Holds {
  if (findings.length === 0) return "cannot judge";
  if (findings.every((f) => f === "supports")) return true;
  if (findings.every((f) => f === "contradicts")) return false;
  if (findings.includes("supports")) return "partly";
  return "cannot judge";
}
