import { BODY_FIRST_CELL_LINE, cellLineText } from "./load-task-body";

/** One TypeScript diagnostic, placed at the cell's own line (one-based) and column (one-based). */
export interface CellDiagnostic {
  line: number;
  column: number;
  code: number;
  message: string;
  /** Set when the error is in another file (an imported module). */
  fileName?: string;
}

/** A magic body that does not type-check; nothing has run. */
export class BodyTypeError extends Error {
  constructor(readonly magic: string, readonly diagnostics: CellDiagnostic[], bodyLines: string[]) {
    super(formatDiagnostics(magic, diagnostics, bodyLines));
    this.name = "TypeScriptError";
  }
}

function formatDiagnostics(magic: string, diagnostics: CellDiagnostic[], bodyLines: string[]): string {
  const count = diagnostics.length === 1 ? "1 type error" : `${diagnostics.length} type errors`;
  const lines = diagnostics.map((d) => {
    if (d.fileName) return `${d.fileName} ${d.line}:${d.column} - error TS${d.code}: ${d.message}`;
    const source = bodyLines[d.line - BODY_FIRST_CELL_LINE] ?? "";
    return `${cellLineText(d.line - BODY_FIRST_CELL_LINE, d.column - 1)} - error TS${d.code}: ${d.message}\n  ${source}\n  ${" ".repeat(Math.max(0, d.column - 1))}^`;
  });
  return `${count} in the %%${magic} body:\n${lines.join("\n")}`;
}
