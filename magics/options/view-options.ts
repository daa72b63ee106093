/** How a task magic shows its result: which charts (--plot), or only the table, or only the JSON; and which views cannot be shown. */
import { PLOT_NAMES, type PlotName } from "../render/result-charts";
import { UsageError } from "../framework/usage-error";
import { flag, optionalOption, ValueRejected, type ParsedOptions, type ValueType } from "../framework/option-spec";

/** --plot: which charts to show, by name, in this order. */
const plotNames: ValueType<PlotName[]> = {
  placeholder: "PLOTS",
  expected: `one or more of ${PLOT_NAMES.join(", ")}, separated by commas`,
  suggest: () => [...PLOT_NAMES],
  parse(text) {
    const names = text.split(",");
    if (!names.every((n): n is PlotName => (PLOT_NAMES as readonly string[]).includes(n))) throw new ValueRejected();
    return names;
  },
};

export const viewOptions = {
  plot: optionalOption(plotNames, `the charts to show, in this order (${PLOT_NAMES.join(", ")}; sweep only with --sweep)`, { defaultText: "the charts that fit the magic" }),
  quiet: flag("show only the table, no charts"),
  json: flag("show only the raw result, as JSON (no table, no charts)"),
};

export type ViewOptions = ParsedOptions<typeof viewOptions>;

/** Refuses, before anything runs, a view that cannot be shown. */
export function checkView(magic: string, view: ViewOptions, sweeping: boolean): void {
  const given = [view.quiet && "--quiet", view.json && "--json", view.plot && "--plot"].filter(Boolean);
  if (given.length > 1) throw new UsageError(`%%${magic}: ${given.join(" and ")} ask for different outputs: give one of them`);
  const sweep = view.plot?.includes("sweep");
  if (sweep && !sweeping) throw new UsageError(`%%${magic}: --plot sweep needs --sweep NAME=v1,v2,...; without it the charts are ${PLOT_NAMES.filter((p) => p !== "sweep").join(", ")}`);
  if (sweeping && view.plot?.some((p) => p !== "sweep")) throw new UsageError(`%%${magic}: with --sweep the chart is the sweep (--plot sweep); got --plot ${view.plot.join(",")}. Run one point without --sweep for its other charts`);
}
