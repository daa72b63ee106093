/** Between the kernel and the magics: runs a magic cell with a MagicContext, gives help and completion. */
import { BodyTypeError, UsageError, completeMagic, listMagics, magicHelp, runMagicCell } from "../../magics/registry";
import type { MagicContext } from "../../magics/magic-context";
import type { Kernel } from "../kernel";
import { CellError } from "./cell-error";
import type { CellOutput } from "./cell-output";
import type { CellKind } from "./cell-router";
import { runInCell } from "./run-in-cell";

const LINE_MAGICS: Record<string, string> = {
  lsmagic: "list the magics",
  magic: "%magic NAME: the help of the magic %%NAME, as %%NAME? shows it",
};

/** Lets a later cell type-check `$last` and `$results`, which the magics keep in the notebook scope. */
const RESULT_DECLARATIONS = [
  'type ConclabResult = import("conclab").ExperimentResult & { readonly values: unknown[] };',
  "declare let $last: ConclabResult;",
  "declare let $results: Record<string, ConclabResult>;",
  "",
].join("\n");

function magicContext(kernel: Kernel, output: CellOutput, label: string): MagicContext {
  const executor = kernel.executor;
  return {
    notebookScope: executor.scope,
    notebookDeclarations: executor.declarations,
    engine: kernel.engine,
    require: executor.require,
    signal: kernel.interrupts.signal,
    display: (bundle, options) => output.display(bundle, options),
    stdout: (text) => output.stream("stdout", text),
    stderr: (text) => output.stream("stderr", text),
    runPlainCell: async (code) => (await executor.compile(code, label, 2)()).value,
    notebookDirectory: kernel.cwd,
  };
}

function usageError(message: string): CellError {
  return new CellError("UsageError", message, [`UsageError: ${message}`]);
}

function lineMagic(name: string, args: string, rest: string): string {
  if (rest) throw usageError(`%${name} stands alone in its cell; move the code below it to a cell of its own`);
  if (name === "lsmagic") return `${listMagics()}\n\nLine magics:\n${Object.entries(LINE_MAGICS).map(([n, d]) => `  %${n.padEnd(10)}${d}`).join("\n")}`;
  if (name === "magic") {
    const help = magicHelp(args.replace(/^%+/, ""));
    if (!help) throw usageError(`%magic takes the name of a cell magic, e.g. %magic threads; got ${JSON.stringify(args)}. %lsmagic lists them`);
    return help;
  }
  throw usageError(`there is no line magic %${name}; the line magics are ${Object.keys(LINE_MAGICS).map((n) => `%${n}`).join(", ")}, and cell magics start with %%`);
}

export async function runMagic(kernel: Kernel, cell: Extract<CellKind, { kind: "line-magic" | "cell-magic" }>, output: CellOutput, label: string): Promise<unknown> {
  if (cell.kind === "line-magic") return { [Symbol.for("Jupyter.display")]: () => ({ "text/plain": lineMagic(cell.name, cell.args, cell.rest) }) };
  if (!cell.body.trim()) throw usageError(`%%${cell.name} needs a body: the TypeScript to run goes on the lines below %%${cell.name}`);
  const second = /^\s*(%%[\w-]+)/.exec(cell.body);
  if (second) throw usageError(`one magic per cell: this cell has %%${cell.name} and then ${second[1]}; put each in a cell of its own (or use %%compare to run one body under several models)`);
  try {
    const value = await runInCell(kernel, output, () => runMagicCell(cell.name, cell.args, cell.body, magicContext(kernel, output, label)));
    if ("$last" in kernel.executor.scope && !kernel.executor.declarations.includes("declare let $last")) kernel.executor.declarations += RESULT_DECLARATIONS;
    return value;
  } catch (e) {
    if (e instanceof UsageError) throw usageError(e.message);
    if (e instanceof BodyTypeError) throw new CellError("TypeScriptError", e.message.split("\n")[0], e.message.split("\n"));
    throw e;
  }
}

export function magicHelpText(name: string): string | undefined {
  return magicHelp(name) ?? (LINE_MAGICS[name] ? `%${name}: ${LINE_MAGICS[name]}` : undefined);
}

export function magicCompletion(code: string, index: number): { matches: string[]; start: number; end: number } | undefined {
  if (code.startsWith("%%")) return completeMagic(code, index);
  const word = /^%([\w-]*)$/.exec(code.slice(0, index));
  if (!word) return undefined;
  return { matches: Object.keys(LINE_MAGICS).filter((n) => n.startsWith(word[1])).map((n) => `%${n}`), start: 0, end: index };
}
