/**
 * Runs TypeScript cells: tslab's converter type-checks and transpiles each cell against the
 * declarations of the cells before it; the JavaScript runs in this context, with notebook
 * variables kept as properties of one `exports` object, except while a cell runs, for those of
 * its variables that no function names (cell-script.ts).
 */
import * as vm from "node:vm";
import { abortable } from "../../common/abort";
import { notebookRequire } from "../../common/notebook-require";
import { CellError, KeyboardInterrupt, runtimeError, typeScriptError } from "./cell-error";
import type { InterruptGate } from "./interrupt-gate";
import { NotebookScope } from "./notebook-scope";
import { CELL_VALUES, CellScript, DEFINE_VARIABLE, cellScript } from "./cell-script";
import { typeScriptCompiler } from "../engine/tslab-adapter";
import type { PositionMapper, TypeScriptEngine } from "../../common/typescript-engine";
import { ShownResults } from "./shown-results";

export interface CellValue {
  hasValue: boolean;
  value?: unknown;
}

export class TypeScriptExecutor {
  private readonly notebook = new NotebookScope();
  readonly scope = this.notebook.variables;
  readonly require: NodeJS.Require;
  /** The .d.ts of every notebook variable so far. */
  declarations = "";
  /** `_` and `__`. */
  readonly shownResults = new ShownResults(this);
  /** Per compiled cell (by its script file name): how to show its stack frames. */
  private readonly cells = new Map<string, { label: string; source: string; firstLine: number; declarations: string; outputLines: number; toOutput: CellScript["toOutputPosition"]; mapPosition?: PositionMapper | null }>();
  private cellCounter = 0;
  /** The names a function of some cell names: they stay on the scope while a cell runs (cell-script.ts). */
  private readonly capturedNames = new Set<string>();
  /** Once a cell could reach every variable (eval, `exports` as a value), a function of it may name any. */
  private wholeScopeSeen = false;
  /** The `$$local` of the run about to start: the cell's script reads it once, when it starts. */
  private runValues: Record<string, unknown> = {};

  constructor(private readonly engine: TypeScriptEngine, private readonly interrupts: InterruptGate, cwd: string) {
    this.require = notebookRequire(cwd);
    // The global that vm.runInThisContext sees (not a test framework's sandboxed one).
    Object.assign(vm.runInThisContext("globalThis"), {
      __conclab_scope__: this.scope,
      __conclab_require__: this.require,
      __conclab_define__: this.notebook.define,
      __conclab_run__: () => this.runValues,
    });
  }

  /**
   * Type-checks the cell; throws a CellError with the type errors, or returns a runner for it.
   * @param label how stack frames name this cell, e.g. "In [3]"
   * @param firstLine the number of the code's first line within the cell (2 below a magic line)
   */
  compile(code: string, label = "cell", firstLine = 1): () => Promise<CellValue> {
    const conversion = this.engine.convert(this.declarations, code);
    if (conversion.diagnostics.length > 0) throw typeScriptError(conversion.diagnostics, code, firstLine);
    const nextDeclarations = conversion.declOutput ?? "";
    if (!conversion.output) {
      return async () => {
        this.declarations = nextDeclarations;
        return { hasValue: false };
      };
    }
    const file = `<cell-${++this.cellCounter}>`;
    const name = conversion.lastExpressionVar;
    const cell = cellScript(typeScriptCompiler(), conversion.output, name, (n) => this.wholeScopeSeen || this.capturedNames.has(n), (n) => this.notebook.hasPlainValue(n));
    for (const captured of cell.captured) this.capturedNames.add(captured);
    this.wholeScopeSeen ||= cell.seesWholeScope;
    this.cells.set(file, { label, source: code, firstLine, declarations: this.declarations, outputLines: conversion.output.split("\n").length, toOutput: cell.toOutputPosition });
    const script =
      `(${conversion.hasToplevelAwait ? "async " : ""}function (exports, require, ${CELL_VALUES}, ${DEFINE_VARIABLE}) {\n${cell.text}\n})` +
      "(globalThis.__conclab_scope__, globalThis.__conclab_require__, globalThis.__conclab_run__(), globalThis.__conclab_define__)";
    const declared = cell.declared.filter((declaredName) => declaredName !== name);
    return async () => {
      try {
        await this.notebook.runCell(declared, label, async () => {
          const values = this.notebook.cellValues(cell.fromEarlierCells);
          this.runValues = values;
          try {
            // breakOnSigint: SIGINT (an interrupt) stops the cell's synchronous run with an error.
            const result = vm.runInThisContext(script, { filename: file, breakOnSigint: true });
            if (conversion.hasToplevelAwait) await abortable(result as Promise<unknown>, this.interrupts.signal);
          } finally {
            this.runValues = {};
            this.notebook.writeBack(values);
          }
        });
      } catch (thrown) {
        if (name) delete this.scope[name];
        throw thrown;
      } finally {
        // Also when the cell stopped early: what it had not reached says so when read (NotebookScope.runCell).
        // Kept per cell for mapping its stack frames later: share the string while it does not change.
        if (nextDeclarations !== this.declarations) this.declarations = nextDeclarations;
      }
      if (!name || !(name in this.scope)) return { hasValue: false };
      const value = this.scope[name];
      delete this.scope[name];
      return { hasValue: value !== undefined, value };
    };
  }

  /** Turns whatever a cell threw into a CellError whose traceback points at cell lines. */
  toCellError(thrown: unknown): CellError {
    if (thrown instanceof Error && /Script execution (interrupted|was interrupted)/.test(thrown.message)) return new KeyboardInterrupt();
    return runtimeError(thrown, (file, line, column) => {
      const cell = this.cells.get(file);
      // Line 1 and the lines after the output are the wrapper that calls the cell's code.
      if (cell && (line < 2 || line > cell.outputLines + 1)) return undefined;
      if (cell && cell.mapPosition === undefined) cell.mapPosition = this.engine.positionMapper(cell.declarations, cell.source) ?? null;
      if (!cell?.mapPosition) return undefined;
      const inOutput = cell.toOutput(line - 2, column - 1);
      const mapped = cell.mapPosition(inOutput.line, inOutput.column);
      if (!mapped) return undefined;
      const text = cell.source.split("\n")[mapped.line]?.trim();
      return `${cell.label}, line ${mapped.line + cell.firstLine}:${mapped.column + 1}${text ? `   ${text}` : ""}`;
    });
  }
}
