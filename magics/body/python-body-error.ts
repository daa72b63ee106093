import { BODY_FIRST_CELL_LINE } from "./load-task-body";

/** Where the CPython harness found the body not to compile, in the cell's own lines (one-based). */
export interface PythonCompileError {
  /** SyntaxError, IndentationError, TabError */
  name: string;
  message: string;
  line: number;
  column: number;
}

/** A %%python body that does not compile; nothing has run. */
export class PythonBodyError extends Error {
  constructor(error: PythonCompileError, bodyLines: readonly string[]) {
    const source = bodyLines[error.line - BODY_FIRST_CELL_LINE] ?? "";
    super(`${error.name} in the %%python body: cell line ${error.line}:${error.column}: ${error.message}\n  ${source}\n  ${" ".repeat(Math.max(0, error.column - 1))}^`);
    this.name = error.name;
  }
}
