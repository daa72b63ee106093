/** A kept result as a table of its measured runs: one row per run of every experiment (every model, every sweep point). */
import type { ConclabResult, RunMeasurement } from "../result/experiment-result";
import type { CsvCell } from "./csv-text";
import { optionsText } from "./option-values";
import { ExperimentEntry, experimentEntries } from "./result-entries";

interface RunAt {
  entry: ExperimentEntry;
  run: RunMeasurement;
  /** 1-based, among the experiment's measured runs. */
  number: number;
}

const COLUMNS: [string, (at: RunAt) => CsvCell][] = [
  ["parameter", ({ entry }) => entry.point?.parameter],
  ["value", ({ entry }) => entry.point?.value],
  ["model", ({ entry }) => entry.model],
  ["tasks", ({ entry }) => entry.experiment.options.tasks],
  ["options", ({ entry }) => optionsText(entry.experiment.options, ["tasks"])],
  ["state", ({ entry }) => entry.experiment.state],
  ["run", ({ number }) => number],
  ["wall_ms", ({ run }) => run.wallMs],
  ["cpu_user_ms", ({ run }) => run.cpuUserMs],
  ["cpu_system_ms", ({ run }) => run.cpuSystemMs],
  ["child_cpu_user_ms", ({ run }) => run.childCpuUserMs],
  ["child_cpu_system_ms", ({ run }) => run.childCpuSystemMs],
  ["peak_rss_above_baseline_bytes", ({ run }) => run.peakRssAboveBaselineBytes],
  ["rss_baseline_bytes", ({ run }) => run.rssBaselineBytes],
  ["heap_used_main_bytes", ({ run }) => run.heapUsedMainBytes],
  ["loop_delay_p50_ms", ({ run }) => run.loopDelayMs.p50],
  ["loop_delay_p99_ms", ({ run }) => run.loopDelayMs.p99],
  ["loop_delay_max_ms", ({ run }) => run.loopDelayMs.max],
  ["loop_utilization", ({ run }) => run.loopUtilization],
  ["voluntary_context_switches", ({ run }) => run.contextSwitches.voluntary],
  ["involuntary_context_switches", ({ run }) => run.contextSwitches.involuntary],
  ["peak_threads", ({ run }) => run.threads?.peak],
  ["tasks_ok", ({ run }) => run.ok],
  ["tasks_failed", ({ run }) => run.failed],
  ["magic_line", ({ entry }) => entry.experiment.magicLine],
  ["started_at", ({ entry }) => entry.experiment.startedAt],
];

/** The header, then a row per measured run; `parameter` and `value` are empty outside a sweep. */
export function runRows(result: ConclabResult): CsvCell[][] {
  const runs = experimentEntries(result).flatMap((entry) => entry.experiment.runs.map((run, i): RunAt => ({ entry, run, number: i + 1 })));
  return [COLUMNS.map(([header]) => header), ...runs.map((at) => COLUMNS.map(([, cell]) => cell(at)))];
}
