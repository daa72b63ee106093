/**
 * tslab rewrites a name declared in an earlier cell to `exports.NAME`, but not inside a shorthand
 * property: `{ total }` would name nothing at run time. So a cell's shorthand properties are
 * written out (`{ total: total }`, the same meaning) before tslab sees the cell.
 */
import type * as TS from "typescript";
import type { Insertion } from "./cell-insertions";

/** A shorthand property needs at least `{a}`; most cells have none and skip the parse. */
const MAYBE_SHORTHAND = /[{,]\s*[A-Za-z_$][\w$]*\s*[,}=]/;

/** `: name` after the name of each shorthand property of the cell. */
export function shorthandExpansions(ts: typeof TS, cell: string): Insertion[] {
  if (!MAYBE_SHORTHAND.test(cell)) return [];
  const insertions: Insertion[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isShorthandPropertyAssignment(node)) insertions.push({ at: node.name.getEnd(), text: `: ${node.name.text}` });
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile("cell.ts", cell, ts.ScriptTarget.Latest, true));
  return insertions;
}
