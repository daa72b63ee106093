/** Errors shown as a Jupyter `error` output: ename, evalue, and a traceback in the cell's own lines. */
import { inspect } from "node:util";
import { userFrames } from "../../common/stack-frames";
import type { Diagnostic } from "../../common/typescript-engine";

export class CellError extends Error {
  constructor(readonly ename: string, readonly evalue: string, readonly traceback: string[]) {
    super(evalue);
    this.name = ename;
  }

  toContent(): { ename: string; evalue: string; traceback: string[] } {
    return { ename: this.ename, evalue: this.evalue, traceback: this.traceback };
  }
}

export class KeyboardInterrupt extends CellError {
  constructor() {
    super("KeyboardInterrupt", "the cell was interrupted", [
      "KeyboardInterrupt: the cell was interrupted; the variables it declared before the interrupt are kept, with their latest values (one it had not reached yet throws when read)",
    ]);
  }
}

const RED = "\u001b[31m";
const CYAN = "\u001b[36m";
const RESET = "\u001b[0m";

/** Type errors, each with its line, column, the source line and a caret. `firstLine` numbers the cell's first line. */
export function typeScriptError(diagnostics: Diagnostic[], source: string, firstLine = 1): CellError {
  const lines = source.split("\n");
  const traceback = diagnostics.flatMap((d) => {
    const where = d.fileName ? `${d.fileName} ${d.start.line + 1}:${d.start.character + 1}` : `cell line ${d.start.line + firstLine}:${d.start.character + 1}`;
    const text = d.fileName ? [] : [`  ${lines[d.start.line] ?? ""}`, `  ${" ".repeat(d.start.character)}${RED}^${RESET}`];
    return [`${CYAN}${where}${RESET} - ${RED}error TS${d.code}${RESET}: ${d.messageText}`, ...text];
  });
  const count = diagnostics.length === 1 ? "1 type error" : `${diagnostics.length} type errors`;
  return new CellError("TypeScriptError", `${count}: ${diagnostics[0].messageText}`, traceback);
}

/** Maps `at f (<cell-3>:12:5)` frames to cell lines; frames of the kernel itself are dropped. */
export type FrameMapper = (file: string, line: number, column: number) => string | undefined;

export function runtimeError(thrown: unknown, mapFrame: FrameMapper): CellError {
  if (thrown instanceof CellError) return thrown;
  if (!(thrown instanceof Error)) {
    const shown = inspect(thrown, { depth: 2 });
    return new CellError("Uncaught", shown, [`${RED}Uncaught${RESET} ${shown} (a value that is not an Error was thrown; throw new Error(...) to get a stack)`]);
  }
  const ename = thrown.name || thrown.constructor?.name || "Error";
  const frames = userFrames(thrown.stack, (frame) => {
    const match = /^(\s+at .*?)\(?(<[^>]+>):(\d+):(\d+)\)?$/.exec(frame);
    if (!match) return undefined;
    const mapped = mapFrame(match[2], Number(match[3]), Number(match[4]));
    return mapped ? `${match[1]}${mapped}` : null;
  });
  return new CellError(ename, thrown.message, [`${RED}${ename}${RESET}: ${thrown.message}`, ...frames]);
}
