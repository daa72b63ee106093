/** `%results`: a table of the kept results, one row each. */
import type { ConclabResult, MachineInfo } from "../result/experiment-result";
import { formatMs } from "../../common/units";
import { TableBundle, TableNote, machineNote, tableBundle } from "../render/result-table";
import { KeptResult, shownName } from "./kept-results";
import { experimentEntries, modelLabel, resultShape } from "./result-entries";

/** "4 cores, Intel Xeon Platinum 8370C CPU @ 2.80GHz, Node 20.11.1" */
function machineShort(m: MachineInfo): string {
  return `${m.cores} cores, ${m.cpuModel.replace(/\((R|TM)\)/gi, "").replace(/\s+/g, " ").trim()}, Node ${m.node}`;
}

/** One experiment: its median; a comparison: each model's; a sweep: the range over its points. */
function medianWall(result: ConclabResult): string {
  const entries = experimentEntries(result);
  const walls = entries.map((e) => e.experiment.summary.wallMs.median);
  if (walls.length === 1) return formatMs(walls[0]);
  if (result.kind === "conclab.comparison") return entries.map((e, i) => `${modelLabel(e.model)} ${formatMs(walls[i])}`).join(", ");
  return `${formatMs(Math.min(...walls))} to ${formatMs(Math.max(...walls))}`;
}

function taskCounts(result: ConclabResult): string {
  return [...new Set(experimentEntries(result).map((e) => e.experiment.options.tasks))].join(",");
}

/** "2026-01-01 09:30:00 UTC" */
function when(iso: string): string {
  return `${iso.slice(0, 19).replace("T", " ")} UTC`;
}

function machinesNote(kept: readonly KeptResult[]): TableNote {
  const machines = new Set(kept.map((k) => JSON.stringify(k.result.machine)));
  if (machines.size === 1) return { text: `all on the same ${machineNote(kept[0].result.machine).text}` };
  return { text: `these results come from ${machines.size} different machines: %results diff A B says how two of them differ` };
}

export function resultsList(kept: readonly KeptResult[]): TableBundle | { "text/plain": string } {
  if (kept.length === 0) {
    return { "text/plain": "no results kept yet: an experiment magic keeps its result as $last, and with --name NAME as $results.NAME (e.g. %%sync --tasks 4 --name first)" };
  }
  return tableBundle({
    caption: `kept results: ${kept.length}`,
    header: ["name", "kind", "magic line", "tasks", "median wall", "started", "machine"],
    rows: kept.map((k) => [
      k.name === "$last" ? "$last" : `${shownName(k)}${k.isLast ? " ($last)" : ""}`,
      resultShape(k.result),
      k.result.magicLine,
      taskCounts(k.result),
      medianWall(k.result),
      when(k.result.startedAt),
      machineShort(k.result.machine),
    ]),
    notes: [machinesNote(kept), { text: "%results export NAME --csv FILE | --json FILE writes one to a file; %results diff A B compares two" }],
  });
}
