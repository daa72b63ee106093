import { parseArgs } from "node:util";
import { UsageError } from "../framework/usage-error";

/**
 * The words after `%results SUBCOMMAND`, read with parseArgs: `options` maps each option (all take a
 * value) to its placeholder for the messages; node's own messages are replaced by ones that say what to write.
 */
export function parseResultsArgs<K extends string>(subcommand: string, words: readonly string[], options: Record<K, string>, usage: string): { values: Partial<Record<K, string>>; positionals: string[] } {
  const flags = Object.entries<string>(options).map(([name, placeholder]) => `--${name} ${placeholder}`);
  const fail = (message: string) => new UsageError(`%results ${subcommand}: ${message}; write ${usage}`);
  let parsed;
  try {
    parsed = parseArgs({ args: [...words], options: Object.fromEntries(Object.keys(options).map((name) => [name, { type: "string" as const }])), strict: true, allowPositionals: true });
  } catch (e) {
    const { code, message } = e as NodeJS.ErrnoException;
    const option = /'(-[^' ]+)/.exec(message)?.[1] ?? "an option";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw fail(`there is no option ${option} (${flags.length > 0 ? `the options are ${flags.join(", ")}` : "it takes no options"})`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw fail(`${option} needs ${options[option.slice(2) as K] ?? "a value"} after it`);
    throw e;
  }
  const values = parsed.values as Partial<Record<K, string>>;
  for (const [name, value] of Object.entries<string | undefined>(values)) if (value === "") throw fail(`--${name} needs ${options[name as K]} after it, got an empty word`);
  return { values, positionals: parsed.positionals };
}
