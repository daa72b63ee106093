/**
 * tslab rewrites a name declared in an earlier cell to `exports.NAME`, but not inside a shorthand
 * property: `{ total }` would name nothing at run time. So a cell's shorthand properties are
 * written out (`{ total: total }`, the same meaning) before tslab sees the cell, and positions in
 * the written-out text are mapped back to the cell's own.
 */
import type * as TS from "typescript";

export interface Expansion {
  text: string;
  /** An offset in `text` as the offset in the cell it came from. */
  toCellOffset(offset: number): number;
}

/** A shorthand property needs at least `{a}`; most cells have none and skip the parse. */
const MAYBE_SHORTHAND = /[{,]\s*[A-Za-z_$][\w$]*\s*[,}=]/;

export function expandShorthandProperties(ts: typeof TS, cell: string): Expansion {
  const unchanged = { text: cell, toCellOffset: (offset: number) => offset };
  if (!MAYBE_SHORTHAND.test(cell)) return unchanged;
  const insertions: { at: number; text: string }[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isShorthandPropertyAssignment(node)) insertions.push({ at: node.name.getEnd(), text: `: ${node.name.text}` });
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile("cell.ts", cell, ts.ScriptTarget.Latest, true));
  if (insertions.length === 0) return unchanged;
  let text = "";
  let from = 0;
  for (const { at, text: inserted } of insertions) {
    text += cell.slice(from, at) + inserted;
    from = at;
  }
  text += cell.slice(from);
  return {
    text,
    toCellOffset(offset) {
      let shift = 0;
      for (const { at, text: inserted } of insertions) {
        const start = at + shift;
        if (offset < start) break;
        // Inside an inserted `: name`: the position of the name it repeats.
        if (offset < start + inserted.length) return at;
        shift += inserted.length;
      }
      return offset - shift;
    },
  };
}

/** Zero-based line and character of `offset` in `text`. */
export function lineAndCharacter(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}
