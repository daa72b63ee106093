import type { PositionMapper, TypeScriptEngine } from "../../common/typescript-engine";
import { UsageError } from "../framework/usage-error";
import { BodyTypeError } from "./body-type-error";
import { BODY_FIRST_CELL_LINE, cellLineText } from "./load-task-body";
import { TaskBodySource, inBodyTerms, taskModule } from "./task-module";

export interface CompiledTaskBody {
  /** A CommonJS module whose `exports.conclabTaskBody` is the body as an async function of `task`. */
  js: string;
  /** Names the module defines itself (its imports and the task function); any other `exports.NAME` it reads is a notebook variable. */
  localNames: string[];
  /** Maps a zero-based position in `js` to the body's zero-based position. */
  bodyPosition(line: number, column: number): { line: number; column: number } | undefined;
  /** The body mentions `server`, so the loopback server has to run. */
  usesServer: boolean;
}

/** Type-checks the body as its task module (see taskModule) with `engine`, and transpiles it to CommonJS. */
export function compileTaskBody(source: TaskBodySource, engine: TypeScriptEngine): CompiledTaskBody {
  const wrapped = taskModule(source);
  const conversion = engine.convert(source.notebookDeclarations, wrapped.source);
  const bodyLines = source.body.split("\n");
  if (conversion.diagnostics.length > 0 || !conversion.output) {
    const diagnostics = conversion.diagnostics.map((d) => {
      const at = d.fileName ? { line: d.start.line, column: d.start.character } : wrapped.toBody(d.start.line, d.start.character);
      return { line: at.line + (d.fileName ? 1 : BODY_FIRST_CELL_LINE), column: at.column + 1, code: d.code, message: inBodyTerms(d.messageText), fileName: d.fileName };
    });
    throw new BodyTypeError(source.magic, diagnostics, bodyLines);
  }
  const js = conversion.output;
  // The source map costs a second conversion: made the first time a position is asked for (a stack to map).
  let mapper: PositionMapper | undefined | null = null;
  const bodyPosition = (line: number, column: number) => {
    if (mapper === null) mapper = engine.positionMapper(source.notebookDeclarations, wrapped.source);
    const mapped = mapper?.(line, column);
    return mapped && wrapped.toBody(mapped.line, mapped.column);
  };
  const compiled: CompiledTaskBody = { js, localNames: localExportNames(js), bodyPosition, usesServer: /\bserver\b/.test(source.body) };
  if (source.isolatedWhere) rejectNotebookReads(source, compiled, bodyLines);
  return compiled;
}

/** TypeScript's CommonJS output starts with `exports.a = exports.b = void 0;` for what the module itself exports. */
function localExportNames(js: string): string[] {
  const names = new Set<string>();
  for (const line of js.match(/^exports\.[\w$]+(?: = exports\.[\w$]+)* = void 0;$/gm) ?? []) {
    for (const m of line.matchAll(/exports\.([\w$]+)/g)) names.add(m[1]);
  }
  for (const m of js.matchAll(/Object\.defineProperty\(exports, "([\w$]+)"/g)) names.add(m[1]);
  return [...names];
}

/** A body that runs in a thread or process of its own cannot read notebook variables: say which one it reads and where. */
function rejectNotebookReads(source: TaskBodySource, compiled: CompiledTaskBody, bodyLines: string[]): void {
  const local = new Set(compiled.localNames);
  const jsLines = compiled.js.split("\n");
  for (let line = 0; line < jsLines.length; line++) {
    for (const m of jsLines[line].matchAll(/\bexports\.([A-Za-z_$][\w$]*)/g)) {
      const name = m[1];
      if (local.has(name)) continue;
      const at = compiled.bodyPosition(line, m.index ?? 0) ?? firstMention(bodyLines, name);
      const where = at ? ` at ${cellLineText(at.line, at.column)}` : "";
      throw new UsageError(
        `%%${source.magic}: the body reads the notebook variable ${name}${where}, but a %%${source.magic} body runs ${source.isolatedWhere} and cannot see notebook variables. ` +
          `Copy it in with --input ${name} and read task.input; import modules at the top of the body instead of from the notebook`,
      );
    }
  }
}

function firstMention(bodyLines: string[], name: string): { line: number; column: number } | undefined {
  const pattern = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, "\\$")}(?![\\w$])`);
  for (let line = 0; line < bodyLines.length; line++) {
    const m = pattern.exec(bodyLines[line]);
    if (m) return { line, column: m.index };
  }
  return undefined;
}
