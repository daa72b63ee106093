/** How a task magic shows its result: which charts, or only the table, or only the JSON. */
import { PLOT_NAMES } from "../render/result-charts";
import { flag, optionalOption, type ParsedOptions } from "./option-spec";
import { plotNames } from "./plot-names";

export const viewOptions = {
  plot: optionalOption(plotNames, `the charts to show, in this order (${PLOT_NAMES.join(", ")}; sweep only with --sweep)`, { defaultText: "the charts that fit the magic" }),
  quiet: flag("show only the table, no charts"),
  json: flag("show only the raw result, as JSON (no table, no charts)"),
};

export type ViewOptions = ParsedOptions<typeof viewOptions>;
