/** --models of %%compare and %%python: which models, in which order (the first is the baseline of the ratios). */
import type { CompareModelName } from "../result/experiment-result";
import { ValueRejected, ValueType } from "../framework/option-spec";

export const COMPARE_MODELS: readonly CompareModelName[] = ["sync", "async", "threads", "spawn", "processes"];

/** A list of 2 or more different models of `models`, separated by commas; `note` says what one of them means. */
export function modelList<M extends string>(models: readonly M[], note: string): ValueType<M[]> {
  return {
    placeholder: "MODELS",
    expected: `2 to ${models.length} different models from ${models.join(", ")}, separated by commas (${note})`,
    limitReason: "each model once: its runs are interleaved with the others'",
    suggest: () => [...models],
    parse(text) {
      const names = text.split(",");
      if (!names.every((n): n is M => (models as readonly string[]).includes(n)) || names.length < 2) throw new ValueRejected();
      if (new Set(names).size !== names.length) throw new ValueRejected(true);
      return names;
    },
  };
}

export const compareModels: ValueType<CompareModelName[]> = modelList(COMPARE_MODELS, "spawn is %%threads --spawn");
