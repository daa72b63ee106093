import { OptionSpec, OptionSpecs, optionFlag } from "./option-spec";

function flagText(key: string, spec: OptionSpec<unknown>): string {
  if (spec.positional) return spec.value!.placeholder;
  const name = spec.short ? `-${spec.short}` : optionFlag(key);
  return spec.value ? `${name} ${spec.value.placeholder}${spec.many ? "..." : ""}` : name;
}

function defaultText(spec: OptionSpec<unknown>): string {
  if (spec.defaultText) return `; default ${spec.defaultText}`;
  if (!spec.value || spec.default === undefined) return "";
  return `; default ${Array.isArray(spec.default) ? spec.default.join(" ") || "none" : String(spec.default)}`;
}

/** `%%name [--a A] [--b]` then the description, then one line per option with what it expects and its default. */
export function optionHelp(usagePrefix: string, description: string, specs: OptionSpecs): string {
  const entries = Object.entries(specs);
  const synopsis = [usagePrefix, ...entries.map(([key, spec]) => (spec.positional ? flagText(key, spec) : `[${flagText(key, spec)}]`))].join(" ");
  const rows = entries.map(([key, spec]) => {
    const what = spec.value ? ` (${spec.value.placeholder}: ${spec.value.expected}${defaultText(spec)})` : "";
    return [flagText(key, spec), `${spec.help}${what}`] as const;
  });
  const width = Math.max(0, ...rows.map(([f]) => f.length)) + 2;
  const table = rows.map(([f, text]) => `  ${f.padEnd(width)}${text}`).join("\n");
  return `${synopsis}\n\n${description}${rows.length ? `\n\nOptions:\n${table}` : ""}`;
}
