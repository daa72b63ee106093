/**
 * TypeScript merges the declarations of one interface within a scope, but tslab checks each cell
 * as a module of its own: a cell's `interface P` hid the one of an earlier cell instead of adding
 * to it. So the earlier declarations of P go into the cell just before its first own one, and
 * merge with it as in one file; the cell's declarations then carry them all to later cells.
 */
import type * as TS from "typescript";
import type { Insertion } from "./cell-insertions";

const MAYBE_INTERFACE = /\binterface\s/;

/** The top-level interface declarations of `text`, by name. */
function interfaces(ts: typeof TS, text: string): Map<string, TS.InterfaceDeclaration[]> {
  const byName = new Map<string, TS.InterfaceDeclaration[]>();
  for (const statement of ts.createSourceFile("declarations.ts", text, ts.ScriptTarget.Latest, true).statements) {
    if (ts.isInterfaceDeclaration(statement)) byName.set(statement.name.text, [...(byName.get(statement.name.text) ?? []), statement]);
  }
  return byName;
}

/** Before each interface the cell declares, the declarations of that interface in `prevDecl` (the earlier cells'). */
export function earlierInterfaceDeclarations(ts: typeof TS, prevDecl: string, cell: string): Insertion[] {
  if (!MAYBE_INTERFACE.test(cell) || !MAYBE_INTERFACE.test(prevDecl)) return [];
  const earlier = interfaces(ts, prevDecl);
  const insertions: Insertion[] = [];
  for (const [name, [first]] of interfaces(ts, cell)) {
    const declarations = earlier.get(name);
    if (declarations) insertions.push({ at: first.getStart(), text: declarations.map((d) => `${d.getText()}\n`).join("") });
  }
  return insertions;
}
