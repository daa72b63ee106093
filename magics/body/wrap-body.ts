import { HoistedImport, hoistImports } from "./hoist-imports";

/**
 * The body placed inside generated code without moving its lines: its imports and `head` go on
 * the body's first line, `tail` after its last. So line N of the source is line N of the body,
 * and only columns on the first line shift.
 */
export interface WrappedBody {
  source: string;
  /** Maps a zero-based position in `source` to the body's own zero-based position. */
  toBody(line: number, column: number): { line: number; column: number };
}

export function wrapBody(body: string, head: (imports: string) => string, tail: string): WrappedBody {
  const { imports, rest } = hoistImports(body);
  const segments: { start: number; end: number; from: HoistedImport }[] = [];
  let importText = "";
  for (const hoisted of imports) {
    segments.push({ start: importText.length, end: importText.length + hoisted.flat.length, from: hoisted });
    importText += `${hoisted.flat} `;
  }
  const prefix = head(importText);
  const importsAt = prefix.indexOf(importText);
  const lastLine = rest.split("\n").length - 1;
  return {
    source: prefix + rest + tail,
    toBody(line, column) {
      if (line > lastLine) return { line: lastLine, column: 0 };
      if (line > 0) return { line, column };
      if (column >= prefix.length) return { line: 0, column: column - prefix.length };
      const hit = segments.find((s) => column >= importsAt + s.start && column < importsAt + s.end);
      return hit ? { line: hit.from.line, column: hit.from.column } : { line: 0, column: 0 };
    },
  };
}
