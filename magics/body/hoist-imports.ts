/**
 * Finds the `import` statements at the top of a body so they can be moved out of the function the
 * body becomes (imports are only allowed at a module's top level).
 */

export interface HoistedImport {
  /** The statement on one line, comments dropped. */
  flat: string;
  /** Where it stood in the body (zero-based). */
  line: number;
  column: number;
  /** The body's offsets of its first character and just past its last. */
  start: number;
  end: number;
}

export interface HoistedBody {
  imports: HoistedImport[];
  /** The body with the imports blanked out: same lines, same columns for everything else. */
  rest: string;
}

const IMPORT_START = /import(?![\w$])(?!\s*[(.])/y;

export function hoistImports(body: string): HoistedBody {
  const imports: HoistedImport[] = [];
  let rest = body;
  let pos = skipTrivia(body, 0);
  for (;;) {
    IMPORT_START.lastIndex = pos;
    if (!IMPORT_START.test(body)) break;
    const statement = scanImport(body, pos);
    if (!statement) break;
    const before = body.slice(0, pos);
    const line = before.split("\n").length - 1;
    imports.push({ flat: statement.flat, line, column: pos - (before.lastIndexOf("\n") + 1), start: pos, end: statement.end });
    rest = rest.slice(0, pos) + body.slice(pos, statement.end).replace(/[^\n]/g, " ") + rest.slice(statement.end);
    pos = skipTrivia(body, statement.end);
  }
  return { imports, rest };
}

function skipTrivia(text: string, pos: number): number {
  for (;;) {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
    if (text.startsWith("//", pos)) {
      const end = text.indexOf("\n", pos);
      pos = end < 0 ? text.length : end + 1;
    } else if (text.startsWith("/*", pos)) {
      const end = text.indexOf("*/", pos + 2);
      pos = end < 0 ? text.length : end + 2;
    } else {
      return pos;
    }
  }
}

/** Where the import statement starting at `pos` ends, and its text on one line; undefined if it does not look complete. */
function scanImport(text: string, pos: number): { end: number; flat: string } | undefined {
  let flat = "";
  let depth = 0;
  let i = pos;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const close = stringEnd(text, i);
      if (close < 0) return undefined;
      flat += text.slice(i, close);
      i = close;
      if (depth === 0) return finishAfterSpecifier(text, i, flat);
      continue;
    }
    if (text.startsWith("//", i) || text.startsWith("/*", i)) {
      const next = skipTrivia(text, i);
      flat += " ";
      i = next;
      continue;
    }
    if (c === ";" && depth === 0) return { end: i + 1, flat: flat + ";" };
    if (c === "{") depth++;
    if (c === "}") depth--;
    flat += c === "\n" || c === "\r" ? " " : c;
    i++;
  }
  return undefined;
}

function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === text[open]) return i + 1;
    else if (text[i] === "\n") return -1;
  }
  return -1;
}

/** After the module specifier: an optional `)` (import x = require("m")), `with { ... }` attributes, and `;`. */
function finishAfterSpecifier(text: string, pos: number, flat: string): { end: number; flat: string } {
  const tail = /^[ \t]*\)?(?:[ \t]*(?:with|assert)[ \t]*\{[^}\n]*\})?[ \t]*;?/.exec(text.slice(pos))![0];
  const rest = tail.replace(/[ \t]+/g, " ").replace(/^ (?=[);])/, "").trimEnd();
  return { end: pos + tail.length, flat: flat + rest + (rest.endsWith(";") ? "" : ";") };
}
