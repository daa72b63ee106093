import type { ModelName } from "../result/experiment-result";

/** One colour per model, the same in every chart. */
export const modelColours: Record<ModelName, string> = {
  sync: "#4c78a8",
  async: "#f58518",
  threads: "#54a24b",
  processes: "#b279a2",
};
