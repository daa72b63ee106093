/** --plot: which charts to show, by name, in this order. */
import { PLOT_NAMES, type PlotName } from "../render/result-charts";
import { ValueRejected, ValueType } from "./option-spec";

export const plotNames: ValueType<PlotName[]> = {
  placeholder: "PLOTS",
  expected: `one or more of ${PLOT_NAMES.join(", ")}, separated by commas`,
  suggestions: [...PLOT_NAMES],
  parse(text) {
    const names = text.split(",");
    if (!names.every((n): n is PlotName => (PLOT_NAMES as readonly string[]).includes(n))) throw new ValueRejected();
    return names;
  },
};
