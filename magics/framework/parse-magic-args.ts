import { parseArgs } from "node:util";
import { UsageError } from "./usage-error";
import { closestWord } from "../../common/closest-word";
import { OptionSpec, OptionSpecs, ParsedOptions, ValueRejected, optionFlag } from "./option-spec";
import { splitArgLine } from "./split-arg-line";

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

/**
 * Reads the option line of `%%magic` (or of its line form, `%magic`, with `escape` "%") with node's
 * parseArgs (non-strict, so that every mistake is ours to word), checks each value against its
 * declaration and fills in the defaults.
 */
export function parseMagicArgs<S extends OptionSpecs>(magic: string, specs: S, argLine: string, escape = "%%"): ParsedOptions<S> {
  const usage = (message: string) => new UsageError(`${escape}${magic}: ${message}. ${escape}${magic}? lists its options`);
  const byFlag = new Map<string, [string, OptionSpec<unknown>]>();
  const parseArgsOptions: ParseArgsOptions = {};
  const positionals = Object.entries(specs).filter(([, spec]) => spec.positional);
  for (const [key, spec] of Object.entries(specs)) {
    if (spec.positional) continue;
    const name = optionFlag(key).slice(2);
    byFlag.set(name, [key, spec]);
    parseArgsOptions[name] = { type: spec.value ? "string" : "boolean", multiple: spec.many === true, ...(spec.short ? { short: spec.short } : {}) };
  }
  const shortFlags = new Set(Object.values(specs).flatMap((s) => (s.short ? [`-${s.short}`] : [])));
  const isOptionWord = (word: string) => (word.startsWith("--") && byFlag.has(word.slice(2).split("=")[0])) || shortFlags.has(word);

  const words = splitArgLine(argLine);
  const { tokens } = parseArgs({ args: words, options: parseArgsOptions, strict: false, tokens: true, allowPositionals: true });
  const values: Record<string, unknown> = {};
  let takesMore: [string, OptionSpec<unknown>, string] | undefined;

  const readValue = (key: string, spec: OptionSpec<unknown>, shown: string, text: string) => {
    const valueType = spec.value!;
    try {
      const value = valueType.parse(text);
      values[key] = spec.many ? [...((values[key] as unknown[] | undefined) ?? []), value] : value;
    } catch (e) {
      if (!(e instanceof ValueRejected)) throw e;
      const why = e.outOfRange && valueType.limitReason ? ` (${valueType.limitReason})` : "";
      throw usage(`${shown} expects ${valueType.placeholder}, ${valueType.expected}${why}, got ${JSON.stringify(text)}`);
    }
  };

  for (const token of tokens ?? []) {
    if (token.kind === "option-terminator") throw usage(`"--" is not used here: every word of the option line is an option or an option's value`);
    if (token.kind === "positional") {
      const open = positionals.find(([key]) => !(key in values));
      if (takesMore) readValue(takesMore[0], takesMore[1], takesMore[2], token.value);
      else if (open) readValue(open[0], open[1], open[1].value!.placeholder, token.value);
      else {
        const near = closestWord(token.value, [...byFlag.keys()]);
        const takes = positionals.length ? `options and ${positionals.map(([, spec]) => spec.value!.placeholder).join(" ")} (quote a word with spaces in it)` : "only options";
        throw usage(`unexpected word ${JSON.stringify(token.value)}: the line takes ${takes}${near ? `; did you mean --${near}?` : ""}`);
      }
      continue;
    }
    takesMore = undefined;
    const known = byFlag.get(token.name);
    if (!known) {
      const near = closestWord(token.name, [...byFlag.keys()]);
      const listed = byFlag.size ? `options: ${[...byFlag.keys()].map((f) => `--${f}`).join(", ")}` : "it takes none";
      throw usage(`there is no option ${token.rawName}${near ? `; did you mean --${near}?` : ""} (${listed})`);
    }
    const [key, spec] = known;
    const shown = token.rawName;
    if (!spec.value) {
      if (token.value !== undefined) throw usage(`${shown} is a flag and takes no value, got ${JSON.stringify(token.value)}: write ${shown} alone`);
      values[key] = true;
      continue;
    }
    if (token.value === undefined || (!token.inlineValue && isOptionWord(token.value))) {
      const next = token.value === undefined ? "" : ` (the next word, ${token.value}, is an option)`;
      throw usage(`${shown} expects ${spec.value.placeholder}, ${spec.value.expected}, got nothing${next}`);
    }
    if (!spec.many && key in values) throw usage(`${shown} is given twice (${JSON.stringify(values[key])} and ${JSON.stringify(token.value)}): keep one`);
    readValue(key, spec, shown, token.value);
    if (spec.many) takesMore = [key, spec, shown];
  }
  for (const [key, spec] of positionals) if (!(key in values)) throw usage(`${spec.value!.placeholder} is missing: give ${spec.help} (${spec.value!.placeholder}: ${spec.value!.expected})`);
  for (const [key, spec] of Object.entries(specs)) if (!(key in values)) values[key] = spec.default;
  return values as ParsedOptions<S>;
}
