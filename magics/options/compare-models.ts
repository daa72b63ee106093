/** --models of %%compare: which models, in which order (the first is the baseline of the ratios). */
import type { CompareModelName } from "../result/experiment-result";
import { ValueRejected, ValueType } from "../framework/option-spec";

export const COMPARE_MODELS: readonly CompareModelName[] = ["sync", "async", "threads", "spawn", "processes"];

export const compareModels: ValueType<CompareModelName[]> = {
  placeholder: "MODELS",
  expected: `2 to ${COMPARE_MODELS.length} different models from ${COMPARE_MODELS.join(", ")}, separated by commas (spawn is %%threads --spawn)`,
  limitReason: "each model once: its runs are interleaved with the others'",
  suggest: () => [...COMPARE_MODELS],
  parse(text) {
    const names = text.split(",");
    if (!names.every((n): n is CompareModelName => (COMPARE_MODELS as readonly string[]).includes(n)) || names.length < 2) throw new ValueRejected();
    if (new Set(names).size !== names.length) throw new ValueRejected(true);
    return names;
  },
};
