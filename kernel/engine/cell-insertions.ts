/**
 * Text the kernel puts into a cell before tslab sees it (shorthand-expansion.ts,
 * interface-merging.ts), and positions in the result mapped back to the cell as written.
 */

export interface Insertion {
  /** The offset in the cell where `text` goes. */
  at: number;
  text: string;
}

export interface Expansion {
  text: string;
  /** An offset in `text` as the offset in the cell it came from. */
  toCellOffset(offset: number): number;
}

export function insertInto(cell: string, insertions: readonly Insertion[]): Expansion {
  if (insertions.length === 0) return { text: cell, toCellOffset: (offset) => offset };
  const sorted = [...insertions].sort((a, b) => a.at - b.at);
  let text = "";
  let from = 0;
  for (const { at, text: inserted } of sorted) {
    text += cell.slice(from, at) + inserted;
    from = at;
  }
  text += cell.slice(from);
  return {
    text,
    toCellOffset(offset) {
      let shift = 0;
      for (const { at, text: inserted } of sorted) {
        const start = at + shift;
        if (offset < start) break;
        // Inside inserted text: the cell's position it was inserted at.
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
