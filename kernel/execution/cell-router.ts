/**
 * Reads what a cell is: a help request (`Math.max?`), a cell magic (`%%name` on its first line), or
 * code: TypeScript with, as in IPython, `!command` lines and `%magic` lines among it.
 */
import { completeness } from "../engine/tslab-adapter";

/** A part of a code cell, run in order; `line`s are one-based lines of the cell. */
export type Segment =
  | { kind: "typescript"; code: string; firstLine: number }
  | { kind: "shell"; command: string; line: number }
  /** `name` keeps a leading % when the line was `%%name`: a cell magic below the first line. */
  | { kind: "line-magic"; name: string; args: string; line: number };

export type CellKind =
  | { kind: "help"; target: string; magic: boolean }
  | { kind: "cell-magic"; name: string; args: string; body: string }
  | { kind: "code"; segments: Segment[] };

/** `!ls -l` (but not `!==`, which continues an expression). */
const SHELL_LINE = /^\s*!(?!=)(.*)$/;
/** `%cd /tmp`, `%timeit -n 5 f()`; `%%bash` below the first line too, to be refused by name. */
const MAGIC_LINE = /^\s*%(%?[A-Za-z][\w-]*)[ \t]*(.*)$/;

function escapeLine(text: string, line: number): Exclude<Segment, { kind: "typescript" }> | undefined {
  const shell = SHELL_LINE.exec(text);
  if (shell) return { kind: "shell", command: shell[1].trim(), line };
  const magic = MAGIC_LINE.exec(text);
  return magic ? { kind: "line-magic", name: magic[1], args: magic[2].trim(), line } : undefined;
}

/**
 * Splits a code cell at its escape lines. A line is an escape only where the TypeScript above it
 * is complete and parses, so a `!` or `%` inside a template string, a call or a block stays TypeScript. A
 * cell without escape lines is one segment holding the cell exactly as it was typed.
 */
function segments(code: string): Segment[] {
  const parts: Segment[] = [];
  let typescript: string[] = [];
  let firstLine = 1;
  const endTypeScript = () => {
    if (typescript.join("").trim()) parts.push({ kind: "typescript", code: typescript.join("\n"), firstLine });
    typescript = [];
  };
  code.split("\n").forEach((text, index) => {
    const escape = escapeLine(text, index + 1);
    if (escape && (!typescript.join("").trim() || completeness(typescript.join("\n")).status === "complete")) {
      endTypeScript();
      parts.push(escape);
      firstLine = index + 2;
    } else typescript.push(text);
  });
  endTypeScript();
  return parts;
}

export function routeCell(code: string): CellKind {
  const trimmed = code.trim();
  const help = /^(?:\?{1,2}(%{0,2}[\w$.]+)|(%{0,2}[\w$.]+)\?{1,2})$/.exec(trimmed);
  if (help) {
    const target = help[1] ?? help[2];
    return { kind: "help", target: target.replace(/^%+/, ""), magic: target.startsWith("%") };
  }
  const cellMagic = /^%%([\w-]*)[ \t]*(.*)$/m.exec(code.replace(/^\s*\n/, ""));
  if (cellMagic && cellMagic.index === 0) {
    const [firstLine, name, args] = [cellMagic[0], cellMagic[1], cellMagic[2].trim()];
    return { kind: "cell-magic", name, args, body: code.replace(/^\s*\n/, "").slice(firstLine.length + 1) };
  }
  return { kind: "code", segments: segments(code) };
}
