/** Jupyter counts cursor positions in Unicode code points; JavaScript strings count UTF-16 units. */

export function codePointToIndex(text: string, codePoints: number): number {
  let index = 0;
  for (let seen = 0; seen < codePoints && index < text.length; seen++) index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
  return index;
}

export function indexToCodePoint(text: string, index: number): number {
  return [...text.slice(0, index)].length;
}
