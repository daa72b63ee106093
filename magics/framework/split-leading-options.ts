import { OptionSpecs, optionFlag } from "./option-spec";

/** A word that is an option: `-n`, `-on5`, `--loops`, `--loops=5`. */
const OPTION_WORD = /^--?[A-Za-z]/;

/**
 * `%timeit -n 5 -r 3 f(x)`: the options at the start of a line magic's arguments, and the
 * statement after them as it was typed. An option that takes a value takes the next word too,
 * unless the value is attached (`-n5`, `--loops=5`). A magic without options has no option words:
 * `%time -x` times `-x`.
 */
export function splitLeadingOptions(specs: OptionSpecs, line: string): { argLine: string; statement: string } {
  const options = Object.entries(specs).filter(([, spec]) => !spec.positional);
  if (options.length === 0) return { argLine: "", statement: line.trim() };
  const longWithValue = new Set(options.filter(([, spec]) => spec.value).map(([key]) => optionFlag(key)));
  const shortWithValue = new Set(options.flatMap(([, spec]) => (spec.value && spec.short ? [spec.short] : [])));
  const words = /\S+/g;
  let end = 0;
  let valueNext = false;
  for (let match = words.exec(line); match; match = words.exec(line)) {
    const word = match[0];
    if (!valueNext && !OPTION_WORD.test(word)) break;
    end = words.lastIndex;
    if (valueNext) valueNext = false;
    else if (word.startsWith("--")) valueNext = longWithValue.has(word);
    else valueNext = shortWithValue.has(word[word.length - 1]) && [...word.slice(1, -1)].every((letter) => !shortWithValue.has(letter));
  }
  return { argLine: line.slice(0, end).trim(), statement: line.slice(end).trim() };
}
