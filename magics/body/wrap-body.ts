import type { BodyModule } from "../framework/body-module";
import { HoistedImport, hoistImports } from "./hoist-imports";

/**
 * The body placed inside generated code without moving its lines: its imports and `head` go on
 * the body's first line, `tail` after its last. So line N of the source is line N of the body,
 * and only columns on the first line shift.
 */
export interface WrappedBody extends Pick<BodyModule, "source" | "sourceOffset" | "bodyOffset"> {
  /** Maps a zero-based position in `source` to the body's own zero-based position. */
  toBody(line: number, column: number): { line: number; column: number };
}

/** A hoisted import and where its one-line form stands in `source`. */
interface ImportSegment {
  start: number;
  end: number;
  from: HoistedImport;
  /** Written on one line as its one-line form starts: an offset in it is the same in the body and in `source`. */
  asWritten: boolean;
}

export function wrapBody(body: string, head: (imports: string) => string, tail: string): WrappedBody {
  const { imports, rest } = hoistImports(body);
  const segments: ImportSegment[] = [];
  let importText = "";
  for (const hoisted of imports) {
    const asWritten = hoisted.flat.startsWith(body.slice(hoisted.start, hoisted.end));
    segments.push({ start: importText.length, end: importText.length + hoisted.flat.length, from: hoisted, asWritten });
    importText += `${hoisted.flat} `;
  }
  const prefix = head(importText);
  const importsAt = prefix.indexOf(importText);
  for (const segment of segments) {
    segment.start += importsAt;
    segment.end += importsAt;
  }
  const lastLine = rest.split("\n").length - 1;
  return {
    source: prefix + rest + tail,
    toBody(line, column) {
      if (line > lastLine) return { line: lastLine, column: 0 };
      if (line > 0) return { line, column };
      if (column >= prefix.length) return { line: 0, column: column - prefix.length };
      const hit = segments.find((s) => column >= s.start && column < s.end);
      return hit ? { line: hit.from.line, column: hit.from.column } : { line: 0, column: 0 };
    },
    sourceOffset(offset) {
      const hit = segments.find((s) => offset > s.from.start && offset < s.from.end);
      if (!hit) return prefix.length + offset;
      return hit.asWritten ? hit.start + offset - hit.from.start : undefined;
    },
    bodyOffset(offset) {
      if (offset >= prefix.length && offset <= prefix.length + rest.length) return offset - prefix.length;
      const hit = segments.find((s) => s.asWritten && offset >= s.start && offset - s.start <= s.from.end - s.from.start);
      return hit && hit.from.start + offset - hit.start;
    },
  };
}
