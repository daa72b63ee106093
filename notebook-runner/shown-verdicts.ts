/**
 * The verdicts a notebook's outputs show, read from the data each verdict output carries under
 * VERDICT_MIME (never from its text): which claims, whether they hold, and in which cell.
 */
import { CodeCell, Notebook } from "./nbformat";
import { HOLDS, Holds, VERDICT_MIME, VerdictRuntime, runtimeLabel } from "../common/verdict-output";

export interface ShownVerdict {
  claims: string[];
  holds: Holds;
  /** The cell whose output shows it. */
  cellId: string;
  /** The runtime its figures came from ("Node", "CPython 3.11 (GIL)"), or that CPython was not measured; absent in data from before verdicts named it. */
  on?: string;
}

function onOf(value: { runtime?: unknown; notMeasured?: unknown }): string | undefined {
  if (typeof value.notMeasured === "string") return `CPython, not measured: ${value.notMeasured}`;
  const runtime = value.runtime as Partial<VerdictRuntime> | undefined;
  return typeof runtime?.implementation === "string" && typeof runtime.version === "string" ? runtimeLabel(runtime as VerdictRuntime) : undefined;
}

function asVerdict(value: unknown, cellId: string): ShownVerdict | undefined {
  const { claims, holds, ...rest } = (value ?? {}) as { claims?: unknown; holds?: unknown; runtime?: unknown; notMeasured?: unknown };
  if (!Array.isArray(claims) || claims.length === 0 || !claims.every((c) => typeof c === "string")) return undefined;
  if (!HOLDS.includes(holds as Holds)) return undefined;
  const on = onOf(rest);
  return { claims, holds: holds as Holds, cellId, ...(on ? { on } : {}) };
}

/** Every verdict shown in `notebook`, in the order of its cells and outputs; data not shaped as a verdict is passed over. */
export function shownVerdicts(notebook: Notebook): ShownVerdict[] {
  const codeCells = notebook.cells.filter((cell): cell is CodeCell => cell.cell_type === "code");
  return codeCells.flatMap((cell) =>
    cell.outputs.flatMap((output) => {
      if (output.output_type !== "display_data" && output.output_type !== "execute_result") return [];
      const shown = (output.data[VERDICT_MIME] ?? {}) as { verdicts?: unknown };
      if (!Array.isArray(shown.verdicts)) return [];
      return shown.verdicts.flatMap((v) => asVerdict(v, cell.id) ?? []);
    }),
  );
}
