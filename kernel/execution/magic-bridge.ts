/** Between the kernel and the magics: runs a magic cell with a MagicContext, gives help and completion. */
import { BodyTypeError, LineCompletion, UsageError, completeMagic, listMagics, magicHelp, runMagicCell } from "../../magics/registry";
import type { MagicContext } from "../../magics/framework/magic-context";
import { RESULTS_HELP, RESULTS_SUMMARY, resultsLineMagic } from "../../magics/results-magic/results-line-magic";
import { completeResults } from "../../magics/results-magic/complete-results";
import type { KernelServices } from "../kernel-services";
import { CellError } from "./cell-error";
import { type CellOutput, runInCell } from "./cell-output";
import type { CellKind } from "./cell-router";
import { JUPYTER_DISPLAY } from "../../common/mime-bundle";

const LINE_MAGICS: Record<string, string> = {
  lsmagic: "list the magics",
  magic: "%magic NAME: the help of the magic %%NAME, as %%NAME? shows it",
  results: RESULTS_SUMMARY,
};

/** The help of line magics that say more than their line in LINE_MAGICS. */
const LINE_MAGIC_HELP: Record<string, string> = { results: RESULTS_HELP };

const RESULT_TYPE: Record<string, string> = {
  "conclab.experiment": 'import("conclab").ExperimentValue',
  "conclab.comparison": 'import("conclab").ComparisonResult',
  "conclab.sweep": 'import("conclab").SweepResult',
};
const ANY_RESULT = 'import("conclab").ConclabResult';

/** The declarations of $last and $results as the notebook holds them now, however tslab has reformatted them since. */
const RESULT_DECLARATIONS = /^declare let \$(last|results)\b.*\n(?:[ }].*\n)*/gm;

/**
 * Lets later cells type-check `$last` as the latest result and `$results.NAME` as the result kept
 * under NAME, each with its own type, so reading `$last.ratios` needs no check of `kind` first.
 */
function declareResults(kernel: KernelServices): void {
  const scope = kernel.executor.scope;
  if (!("$last" in scope)) return;
  const typeOf = (value: unknown) => RESULT_TYPE[(value as { kind?: string } | undefined)?.kind ?? ""] ?? ANY_RESULT;
  const kept = Object.entries((scope.$results ?? {}) as Record<string, unknown>).map(([name, result]) => `${name}: ${typeOf(result)}; `).join("");
  const declarations = `declare let $last: ${typeOf(scope.$last)};\ndeclare let $results: { ${kept}[name: string]: ${ANY_RESULT} };\n`;
  kernel.executor.declarations = kernel.executor.declarations.replace(RESULT_DECLARATIONS, "") + declarations;
}

function magicContext(kernel: KernelServices, output: CellOutput, label: string): MagicContext {
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
    compilePlainCell: (code) => {
      const run = executor.compile(code, label, 2);
      return async () => (await run()).value;
    },
    notebookDirectory: kernel.cwd,
    kernelThreadIds: kernel.ownThreadIds,
  };
}

function usageError(message: string): CellError {
  return new CellError("UsageError", message, [`UsageError: ${message}`]);
}

function lineMagic(kernel: KernelServices, { name, args, rest }: Extract<CellKind, { kind: "line-magic" }>): Record<string, string> {
  if (rest) throw usageError(`%${name} stands alone in its cell; move the code below it to a cell of its own`);
  if (name === "results") {
    try {
      return resultsLineMagic(args, kernel.executor.scope, kernel.cwd);
    } catch (e) {
      throw e instanceof UsageError ? usageError(e.message) : e;
    }
  }
  if (name === "lsmagic") return { "text/plain": `${listMagics()}\n\nLine magics:\n${Object.entries(LINE_MAGICS).map(([n, d]) => `  %${n.padEnd(10)}${d}`).join("\n")}` };
  if (name === "magic") {
    const help = magicHelpText(args.replace(/^%+/, ""));
    if (!help) throw usageError(`%magic takes the name of a magic, e.g. %magic threads; got ${JSON.stringify(args)}. %lsmagic lists them`);
    return { "text/plain": help };
  }
  throw usageError(`there is no line magic %${name}; the line magics are ${Object.keys(LINE_MAGICS).map((n) => `%${n}`).join(", ")}, and cell magics start with %%`);
}

export async function runMagic(kernel: KernelServices, cell: Extract<CellKind, { kind: "line-magic" | "cell-magic" }>, output: CellOutput, label: string): Promise<unknown> {
  if (cell.kind === "line-magic") {
    const bundle = lineMagic(kernel, cell);
    return { [JUPYTER_DISPLAY]: () => bundle };
  }
  if (!cell.body.trim()) throw usageError(`%%${cell.name} needs a body: the TypeScript to run goes on the lines below %%${cell.name}`);
  const second = /^\s*(%%[\w-]+)/.exec(cell.body);
  if (second) throw usageError(`one magic per cell: this cell has %%${cell.name} and then ${second[1]}; put each in a cell of its own (or use %%compare to run one body under several models)`);
  try {
    const value = await runInCell(kernel.interrupts, output, () => runMagicCell(cell.name, cell.args, cell.body, magicContext(kernel, output, label)));
    declareResults(kernel);
    return value;
  } catch (e) {
    if (e instanceof UsageError) throw usageError(e.message);
    if (e instanceof BodyTypeError) throw new CellError("TypeScriptError", e.message.split("\n")[0], e.message.split("\n"));
    throw e;
  }
}

export function magicHelpText(name: string): string | undefined {
  return magicHelp(name) ?? LINE_MAGIC_HELP[name] ?? (LINE_MAGICS[name] ? `%${name}: ${LINE_MAGICS[name]}` : undefined);
}

/**
 * Completion on a magic's line, where `index` (an offset in the cell `code`) is on it: a cell magic's
 * (see completeMagic), or a line magic's name and %results's words. Undefined off a magic's line.
 */
export function magicCompletion(kernel: KernelServices, code: string, index: number): LineCompletion | undefined {
  if (code.startsWith("%%")) return completeMagic(code, index, kernel.executor.scope);
  const before = code.slice(0, index);
  if (!before.startsWith("%") || before.includes("\n")) return undefined;
  const end = index + (/^[\w$-]*/.exec(code.slice(index))?.[0].length ?? 0);
  const name = /^%([\w-]*)$/.exec(before);
  if (name) return { matches: Object.keys(LINE_MAGICS).filter((n) => n.startsWith(name[1])).map((n) => `%${n}`), start: 0, end };
  const results = /^%results\s(.*)$/.exec(before);
  if (!results) return { matches: [], start: index, end: index };
  const { matches, typed } = completeResults(results[1], kernel.executor.scope);
  return { matches, start: index - typed.length, end };
}
