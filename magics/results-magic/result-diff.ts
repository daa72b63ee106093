/** `%results diff A B`: the figures of two kept results side by side with B/A, and what differs between them besides the figures: options and machine. */
import { formatRatio } from "../render/comparison-table";
import type { ExperimentResult, ExperimentSummary, MachineInfo, Spread } from "../result/experiment-result";
import { formatBytes, formatMs } from "../../common/units";
import { TableBundle, TableNote, machineNote, plural, tableBundle } from "../render/result-table";
import { UsageError } from "../framework/usage-error";
import { KeptResult, shownName } from "./kept-results";
import { optionValues } from "./option-values";
import { EntryPair, pairEntries } from "./pair-entries";
import { entryLabel, experimentEntries, resultShape } from "./result-entries";

const FIGURES: [string, (s: ExperimentSummary) => Spread, (n: number) => string][] = [
  ["median wall", (s) => s.wallMs, formatMs],
  ["CPU (user+sys)", (s) => s.cpuMs, formatMs],
  ["peak RSS above baseline", (s) => s.peakRssAboveBaselineBytes, formatBytes],
  ["main loop delay p99", (s) => s.loopDelayP99Ms, formatMs],
];

const MACHINE_FIELDS: [string, (m: MachineInfo) => string][] = [
  ["CPU", (m) => m.cpuModel],
  ["cores", (m) => String(m.cores)],
  ["memory", (m) => formatBytes(m.totalMemoryBytes)],
  ["Node", (m) => m.node],
  ["V8", (m) => m.v8],
  ["OS", (m) => m.os],
];

function ratioText(a: number, b: number): string {
  if (a > 0) return formatRatio(b / a);
  return b === 0 ? "same (both 0)" : "n/a (A is 0)";
}

function figureRows(pair: EntryPair, labelled: boolean): string[][] {
  const [a, b] = [pair.a.experiment.summary, pair.b.experiment.summary];
  const rows = FIGURES.map(([figure, of, format]) => [figure, format(of(a).median), format(of(b).median), ratioText(of(a).median, of(b).median)]);
  rows.push(["tasks ok/failed (last run)", `${a.tasksOk} ok, ${a.tasksFailed} failed`, `${b.tasksOk} ok, ${b.tasksFailed} failed`, ""]);
  return labelled ? rows.map((row, i) => [i === 0 ? pair.label : "", ...row]) : rows;
}

/** "A: median of 3 runs", or of each experiment's runs when they differ. */
function runsOf(side: string, experiments: readonly ExperimentResult[]): string {
  const runs = new Set(experiments.map((e) => e.summary.wallMs.of));
  return `${side}: median of ${runs.size === 1 ? plural([...runs][0], "run") : "each experiment's runs"}`;
}

function optionDifferences(pair: EntryPair): string | undefined {
  const [a, b] = [new Map(optionValues(pair.a.experiment.options)), new Map(optionValues(pair.b.experiment.options))];
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((key) => a.get(key) !== b.get(key));
  return keys.length === 0 ? undefined : keys.map((key) => `${key} ${a.get(key) ?? "(not set)"} → ${b.get(key) ?? "(not set)"}`).join(", ");
}

/** One note per distinct difference, naming the pairs it applies to unless it applies to all of them. */
function optionNotes(pairs: readonly EntryPair[]): TableNote[] {
  const byText = new Map<string, string[]>();
  for (const pair of pairs) {
    const text = optionDifferences(pair);
    if (text) byText.set(text, [...(byText.get(text) ?? []), pair.label]);
  }
  return [...byText].map(([text, labels]) => ({ text: `options that differ (A → B)${labels.length === pairs.length ? "" : ` for ${labels.join("; ")}`}: ${text}` }));
}

function timeoutNotes(side: string, pairs: readonly EntryPair[], of: (pair: EntryPair) => ExperimentResult): TableNote[] {
  return pairs.flatMap((pair) => {
    const e = of(pair);
    return e.state === "timed-out" ? [{ text: `${side} ${pair.label}: run ${e.timeout.run + 1} passed --timeout ${e.timeout.seconds} s; its figures include that run and no later ones` }] : [];
  });
}

function machineNotes(a: MachineInfo, b: MachineInfo): TableNote[] {
  const differ = MACHINE_FIELDS.filter(([, field]) => field(a) !== field(b));
  if (differ.length === 0) return [{ text: `A and B ran on the same ${machineNote(a).text}` }];
  return [
    { text: "THE MACHINES DIFFER: A and B ran on different machines, so this comparison mixes machines: B/A holds the machines' difference as well as the experiments'. Run both on one machine to compare the experiments alone." },
    ...differ.map(([name, field]) => ({ text: `  ${name}: A ${field(a)}, B ${field(b)}` })),
  ];
}

export function resultDiff(a: KeptResult, b: KeptResult): TableBundle {
  const [nameA, nameB] = [shownName(a), shownName(b)];
  const { pairs, onlyA, onlyB } = pairEntries(experimentEntries(a.result), experimentEntries(b.result));
  if (pairs.length === 0) {
    throw new UsageError(
      `%results diff: nothing in ${nameA} (${resultShape(a.result)}) pairs with anything in ${nameB} (${resultShape(b.result)}). ` +
        "diff sets side by side two single experiments, the same models of two comparisons, or the same values of two sweeps of one parameter; pick two results of such shapes",
    );
  }
  const labelled = pairs.length > 1;
  const only = (side: string, entries: typeof onlyA) => (entries.length === 0 ? [] : [{ text: `only in ${side}, not compared: ${entries.map(entryLabel).join("; ")}` }]);
  return tableBundle({
    caption: `%results diff ${nameA} ${nameB}: ${runsOf("A", pairs.map((p) => p.a.experiment))}, ${runsOf("B", pairs.map((p) => p.b.experiment))}; B/A below 1: B is lower (faster, less memory)`,
    header: [...(labelled ? ["experiment"] : []), "figure", `A: ${nameA}${labelled ? "" : ` (${entryLabel(pairs[0].a)})`}`, `B: ${nameB}${labelled ? "" : ` (${entryLabel(pairs[0].b)})`}`, "B/A"],
    rows: pairs.flatMap((pair) => figureRows(pair, labelled)),
    notes: [
      { text: `A = ${nameA}: ${a.result.magicLine} (started ${a.result.startedAt})` },
      { text: `B = ${nameB}: ${b.result.magicLine} (started ${b.result.startedAt})` },
      ...optionNotes(pairs),
      ...timeoutNotes("A", pairs, (p) => p.a.experiment),
      ...timeoutNotes("B", pairs, (p) => p.b.experiment),
      ...only("A", onlyA),
      ...only("B", onlyB),
      ...machineNotes(a.result.machine, b.result.machine),
    ],
  });
}
