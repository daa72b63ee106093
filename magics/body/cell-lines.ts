/** A magic cell is "%%name options" on line 1, so the body's first line is line 2 of the cell. */
export const BODY_FIRST_CELL_LINE = 2;

/** "cell line 5:3" for a zero-based body position. */
export function cellLineText(bodyLine: number, bodyColumn: number): string {
  return `cell line ${bodyLine + BODY_FIRST_CELL_LINE}:${bodyColumn + 1}`;
}
