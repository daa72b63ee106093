/** %who and %whos: the variables the notebook's cells defined, with their TypeScript types for %whos. */
import { inspect } from "node:util";
import type { LineMagic } from "../framework/magic";
import type { MagicContext } from "../framework/magic-context";
import { UsageError } from "../framework/usage-error";
import { typeFromSignature } from "./variable-type";

const MAX_VALUE_LENGTH = 50;
const EMPTY = "No variables are defined yet: the notebook's cells have declared none.";

/** The names the cells defined, sorted; not what the kernel keeps in the scope itself. */
function userVariables(ctx: MagicContext): string[] {
  return Object.keys(ctx.notebookScope)
    .filter((name) => !ctx.kernelVariables.includes(name))
    .sort();
}

function noArguments(magic: string, args: string): void {
  if (args) throw new UsageError(`%${magic} takes no arguments, got ${JSON.stringify(args)}; it lists every variable the cells defined`);
}

function shortValue(value: unknown): string {
  const text = inspect(value, { depth: 1, breakLength: Infinity, maxArrayLength: 10, maxStringLength: MAX_VALUE_LENGTH });
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

export const whoMagic: LineMagic = {
  name: "who",
  summary: "the names of the variables the cells defined",
  help: "%who     the names of the notebook's variables (what its cells declared, not the kernel's $last, $results, _ and __), sorted",
  async run(args, ctx) {
    noArguments("who", args);
    const names = userVariables(ctx);
    ctx.stdout(`${names.length ? names.join("\t") : EMPTY}\n`);
    return undefined;
  },
};

export const whosMagic: LineMagic = {
  name: "whos",
  summary: "the variables the cells defined, with their TypeScript types and values",
  help: "%whos    a table of the notebook's variables: name, TypeScript type (as the checker has it) and the start of the value",
  async run(args, ctx) {
    noArguments("whos", args);
    const rows = userVariables(ctx).map((name) => {
      const info = ctx.engine.inspect(ctx.notebookDeclarations, name, 0);
      return [name, info ? typeFromSignature(name, info.signature) : typeof ctx.notebookScope[name], shortValue(ctx.notebookScope[name])];
    });
    if (rows.length === 0) {
      ctx.stdout(`${EMPTY}\n`);
      return undefined;
    }
    const table = [["Variable", "Type", "Value"], ...rows];
    const widths = [0, 1].map((column) => Math.max(...table.map((row) => row[column].length)) + 3);
    const lines = table.map((row) => row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell)).join("").trimEnd());
    lines.splice(1, 0, "-".repeat(Math.max(...lines.map((l) => l.length))));
    ctx.stdout(`${lines.join("\n")}\n`);
    return undefined;
  },
};
