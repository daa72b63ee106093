/** Between the kernel and the magics: runs cell magics, line magics and `!` lines with a MagicContext, gives help and completion. */
import { BodyTypeError, LineCompletion, PythonBodyError, UsageError, checkLineMagic, completeMagic, runLineMagic, runMagicCell, runShellLine } from "../../magics/registry";
import type { MagicContext } from "../../magics/framework/magic-context";
import { completeResults } from "../../magics/results-magic/complete-results";
import type { KernelServices } from "../kernel-services";
import { CellError } from "./cell-error";
import { type CellOutput, runInCell } from "./cell-output";
import type { CellKind, Segment } from "./cell-router";

const RESULT_TYPE: Record<string, string> = {
  "conclab.experiment": 'import("conclab").ExperimentValue',
  "conclab.comparison": 'import("conclab").ComparisonResult',
  "conclab.sweep": 'import("conclab").SweepResult',
};
const ANY_RESULT = 'import("conclab").ConclabResult';
/** What the magics keep in the notebook scope. */
const RESULT_NAMES = ["$last", "$results"];

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

/** @param firstLine the cell's line where the TypeScript a magic runs starts (below a cell magic's line: 2) */
function magicContext(kernel: KernelServices, output: CellOutput, label: string, firstLine: number): MagicContext {
  const executor = kernel.executor;
  return {
    notebookScope: executor.scope,
    kernelVariables: [...RESULT_NAMES, ...executor.shownResults.names],
    notebookDeclarations: executor.declarations,
    engine: kernel.engine,
    require: executor.require,
    signal: kernel.interrupts.signal,
    display: (bundle, options) => output.display(bundle, options),
    clientSession: output.request.header.session,
    stdout: (text) => output.stream("stdout", text),
    stderr: (text) => output.stream("stderr", text),
    compilePlainCell: (code) => {
      const run = executor.compile(code, label, firstLine);
      return async () => (await run()).value;
    },
    notebookDirectory: kernel.cwd,
    kernelThreadIds: kernel.ownThreadIds,
  };
}

/** A magic's usage or body type error as the cell's error; anything else as it is. */
function asCellError(e: unknown): unknown {
  if (e instanceof UsageError) return new CellError("UsageError", e.message, [`UsageError: ${e.message}`]);
  if (e instanceof BodyTypeError || e instanceof PythonBodyError) return new CellError(e.name, e.message.split("\n")[0], e.message.split("\n"));
  return e;
}

/** Runs a magic; its usage and body type errors become the cell's error, and $last and $results stay declared. */
async function asMagic<T>(kernel: KernelServices, work: () => Promise<T>): Promise<T> {
  try {
    const value = await work();
    declareResults(kernel);
    return value;
  } catch (e) {
    throw asCellError(e);
  }
}

export function runCellMagic(kernel: KernelServices, cell: Extract<CellKind, { kind: "cell-magic" }>, output: CellOutput, label: string): Promise<unknown> {
  return asMagic(kernel, () => runInCell(kernel.interrupts, output, () => runMagicCell(cell.name, cell.args, cell.body, magicContext(kernel, output, label, 2))));
}

/**
 * Completion on a magic's line, where `index` (an offset in the cell `code`) is on it: a magic's
 * name or a cell magic's options (see completeMagic), or %results's words. Undefined off a magic's line.
 */
export function magicCompletion(kernel: KernelServices, code: string, index: number): LineCompletion | undefined {
  const magic = completeMagic(code, index, kernel.executor.scope);
  if (magic || code.startsWith("%%")) return magic;
  const before = code.slice(0, index);
  if (!before.startsWith("%") || before.includes("\n")) return undefined;
  const results = /^%results\s(.*)$/.exec(before);
  if (!results) return { matches: [], start: index, end: index };
  const end = index + (/^[\w$-]*/.exec(code.slice(index))?.[0].length ?? 0);
  const { matches, typed } = completeResults(results[1], kernel.executor.scope);
  return { matches, start: index - typed.length, end };
}

export function runLineMagicSegment(kernel: KernelServices, { name, args, line }: Extract<Segment, { kind: "line-magic" }>, output: CellOutput, label: string): Promise<unknown> {
  return asMagic(kernel, () => runInCell(kernel.interrupts, output, () => runLineMagic(name, args, magicContext(kernel, output, label, line))));
}

/** Not raced against the interrupt: the command ends on it, and its last output stays in this cell. */
export function runShellSegment(kernel: KernelServices, { command, line }: Extract<Segment, { kind: "shell" }>, output: CellOutput, label: string): Promise<void> {
  return asMagic(kernel, () => runShellLine(command, magicContext(kernel, output, label, line)));
}

/** Throws the usage error of the first line magic of `segments` that does not exist, before any of them runs. */
export function checkLineMagics(segments: readonly Segment[]): void {
  for (const segment of segments) {
    if (segment.kind !== "line-magic") continue;
    try {
      checkLineMagic(segment.name);
    } catch (e) {
      throw asCellError(e);
    }
  }
}
