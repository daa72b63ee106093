/**
 * The one place that touches tslab's internals: its converter (type-check + transpile of a cell
 * against the declarations of earlier cells), completion, quick info and completeness check.
 */
import * as path from "node:path";
import { SourceMap } from "node:module";
import type * as TS from "typescript";
import { log } from "../log";
import { PACKAGE_ROOT } from "../../common/package-paths";
import { neverOptimize } from "./never-optimize";
import { Expansion, insertInto, lineAndCharacter } from "./cell-insertions";
import { earlierInterfaceDeclarations } from "./interface-merging";
import { shorthandExpansions } from "./shorthand-expansion";
import { cellProgramFactory } from "./cell-program";
import { TASK_CONTEXT_GLOBALS } from "../../magics/body/task-module";
import { queueTimersBehindOneSlot, WatchTimerHost } from "./watch-timers";
import type { Completion, Conversion, Diagnostic, DiagnosticPosition, PositionMapper, TypeScriptEngine } from "../../common/typescript-engine";

interface TypeScriptModule {
  sys: Record<string, (...args: never[]) => unknown>;
  displayPartsToString(parts: unknown): string;
  createWatchCompilerHost(rootFiles: string[], options: Record<string, unknown>, ...rest: unknown[]): unknown;
  transpileModule(input: string, options: { fileName?: string; compilerOptions?: Record<string, unknown> }): { outputText: string; sourceMapText?: string };
  createSourceFile(fileName: string, text: string, target: number, setParentNodes: boolean): unknown;
  ScriptTarget: { Latest: number };
  createProgram(...args: never[]): unknown;
  createTypeChecker(...args: never[]): unknown;
  createPrinter(...args: never[]): unknown;
}

/**
 * tslab's converter fixes its compiler options inside `createConverter`, and the TypeScript module's
 * exports are read-only getters. To ask for source maps we hand tslab, through the module cache,
 * a view of the TypeScript module with two functions replaced (see captureSourceMaps).
 */
interface TslabModules {
  ts: TypeScriptModule;
  overrides: Partial<TypeScriptModule>;
  converterModule: {
    createConverter(options?: { isJS?: boolean }): TslabConverter;
    isCompleteCode(src: string): { completed: boolean; indent?: string };
  };
}

let loaded: TslabModules | undefined;

/** The TypeScript that tslab's converter uses (its own build, not this package's `typescript`). */
export function tslabTypeScriptPath(): string {
  return require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(require.resolve("tslab/package.json"))] });
}

/** Loaded on first use: TypeScript alone takes a few hundred milliseconds to load. */
function tslab(): TslabModules {
  if (loaded) return loaded;
  const typescriptPath = tslabTypeScriptPath();
  const ts = require(typescriptPath) as TypeScriptModule;
  const notMarked = neverOptimize([ts.createProgram, ts.createTypeChecker, ts.createPrinter]);
  if (notMarked) log(`could not keep V8 from optimising TypeScript's createProgram, createTypeChecker and createPrinter (${notMarked}): the kernel's memory will grow by about 29 MiB per V8 background thread`);
  const overrides: Partial<TypeScriptModule> = {};
  require.cache[typescriptPath]!.exports = new Proxy(ts, {
    get: (target, key) => (key in overrides ? overrides[key as keyof TypeScriptModule] : Reflect.get(target, key)),
  });
  // tslab ships no typed entry for its converter; its shape is declared in TslabModules.
  loaded = { ts, overrides, converterModule: require("tslab/dist/converter") };
  return loaded;
}

/** The TypeScript module tslab loads, for parsing its output: a second copy would cost its load time and memory. */
export function typeScriptCompiler(): typeof TS {
  return tslab().ts as unknown as typeof TS;
}

interface TslabConverter {
  convert(prevDecl: string, src: string): Conversion;
  complete(prevDecl: string, src: string, position: number): Completion;
  inspect(prevDecl: string, src: string, position: number):
    | { textSpan: { start: number; length: number }; displayParts?: unknown; documentation?: unknown; tags?: { name: string; text?: unknown }[] }
    | undefined;
  close(): void;
}



/** While true, type packages (node_modules/@types) look absent: the light checker sees only the ES library. */
let hideTypePackages = false;

/**
 * tslab's converter reads files through `ts.sys`. Redirect `.../node_modules/conclab/...` to this
 * package, as tslab itself does for `tslab`, so `import ... from "conclab"` type-checks from a
 * notebook in any folder; and hide type packages from the light checker.
 */
function patchFileSystem(): void {
  const { ts } = tslab();
  const conclabModule = /^(.*?[\\/]node_modules[\\/]conclab)(?=[\\/]|$)/;
  const forward = (p: string) => p.replace(conclabModule, PACKAGE_ROOT);
  const typePackage = /[\\/]node_modules[\\/]@types([\\/]|$)/;
  for (const method of ["readFile", "fileExists", "directoryExists", "realpath", "getDirectories"]) {
    const original = ts.sys[method];
    if (typeof original !== "function") continue;
    ts.sys[method] = ((p: string, ...rest: never[]) => {
      if (hideTypePackages && typePackage.test(p)) return method === "getDirectories" ? [] : method === "realpath" ? p : method === "readFile" ? undefined : false;
      const forwarded = forward(p);
      if (method === "directoryExists" && forwarded !== p) return true;
      return (original as (...a: unknown[]) => unknown).call(ts.sys, forwarded, ...rest);
    });
  }
}

/**
 * tslab emits a cell in two steps: TypeScript -> ES module (inside its watch program), then
 * ES module -> CommonJS (`transpileModule` on "custom.js"). While `withSourceMaps` runs, both steps
 * are asked for a source map, and the pair is returned: stack frames can then point at the cell's
 * lines. Maps cost time on every cell, so they are made only when an error needs them.
 */
function sourceMapCapture(): <T>(work: () => T) => [string, string] | undefined {
  const { ts, overrides: tsOverrides } = tslab();
  const hostOptions: Record<string, unknown>[] = [];
  let capturing = false;
  let captured: [string, string] | undefined;
  const createHost = ts.createWatchCompilerHost;
  const createCellProgram = cellProgramFactory(ts as unknown as typeof TS);
  tsOverrides.createWatchCompilerHost = (rootFiles, options, ...rest) => {
    // Of the type packages, only Node's declares the globals a cell runs with; the rest (a
    // project's @types/jest, @types/react...) cost the checker memory and time on every cell and
    // stay available to the cells that import their packages.
    const own = hideTypePackages ? { ...options } : { ...options, types: ["node"] };
    hostOptions.push(own);
    const [system, , ...reporters] = rest;
    // Every program holds the task bodies' global TaskContext, so a body and a plain cell share their files and imports.
    return queueTimersBehindOneSlot(createHost([...rootFiles, TASK_CONTEXT_GLOBALS], own, system, createCellProgram, ...reporters) as WatchTimerHost);
  };
  const transpile = ts.transpileModule;
  const inlineMap = /\n?\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;
  tsOverrides.transpileModule = (input, options) => {
    const embedded = capturing && options.fileName === "custom.js" ? inlineMap.exec(input) : null;
    if (!embedded) return transpile(input, options);
    const result = transpile(input.slice(0, embedded.index), { ...options, compilerOptions: { ...options.compilerOptions, sourceMap: true } });
    captured = [result.sourceMapText ?? "{}", Buffer.from(embedded[1], "base64").toString("utf8")];
    return { ...result, outputText: result.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, "") };
  };
  return (work) => {
    capturing = true;
    captured = undefined;
    for (const options of hostOptions) options.inlineSourceMap = true;
    try {
      work();
      return captured;
    } finally {
      capturing = false;
      for (const options of hostOptions) delete options.inlineSourceMap;
    }
  };
}

/** tslab prefixes every cell with one line ("export {};") to make it a module. */
const CELL_PREFIX_LINES = 1;

/** Source maps are parsed only when a stack frame needs one. */
function positionMapper([moduleMapJson, sourceMapJson]: [string, string]): PositionMapper {
  const toModule = new SourceMap(JSON.parse(moduleMapJson));
  const toSource = new SourceMap(JSON.parse(sourceMapJson));
  return (line, column) => {
    const inModule = toModule.findEntry(line, column) as { originalLine?: number; originalColumn?: number };
    if (inModule.originalLine === undefined) return undefined;
    const inSource = toSource.findEntry(inModule.originalLine, inModule.originalColumn ?? 0) as { originalLine?: number; originalColumn?: number };
    if (inSource.originalLine === undefined || inSource.originalLine < CELL_PREFIX_LINES) return undefined;
    return { line: inSource.originalLine - CELL_PREFIX_LINES, column: inSource.originalColumn ?? 0 };
  };
}

/** The offset of a zero-based line and column in `text`. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) offset = text.indexOf("\n", offset) + 1;
  return offset + column;
}

/** A diagnostic of the expanded cell, placed in the cell as written. */
function inCell(diagnostic: Diagnostic, expansion: Expansion, src: string): Diagnostic {
  const place = (p: DiagnosticPosition): DiagnosticPosition => {
    const offset = expansion.toCellOffset(p.offset);
    return { offset, ...lineAndCharacter(src, offset) };
  };
  return { ...diagnostic, start: place(diagnostic.start), end: place(diagnostic.end) };
}

let withSourceMaps: ReturnType<typeof sourceMapCapture> | undefined;

/**
 * A tslab converter; it resolves modules from `directory`, the notebook's folder, whatever the
 * process's working folder is when it is built (%cd moves that).
 * @param light a checker without type packages (no @types/node): it starts in a fraction of the
 *   time, and a cell it accepts is accepted by the full checker too, since a cell is a module and
 *   more declarations cannot make its code invalid.
 */
export function createTypeScriptEngine({ light = false, directory = process.cwd() } = {}): TypeScriptEngine {
  if (!withSourceMaps) {
    patchFileSystem();
    withSourceMaps = sourceMapCapture();
  }
  const captureMaps = withSourceMaps;
  const { ts, converterModule } = tslab();
  const withTypePackagesHidden = <T>(work: () => T): T => {
    hideTypePackages = light;
    try {
      return work();
    } finally {
      hideTypePackages = false;
    }
  };
  // tslab's converter takes its folder from ts.sys when it is created, and keeps it.
  const inDirectory = <T>(work: () => T): T => {
    const current = ts.sys.getCurrentDirectory;
    ts.sys.getCurrentDirectory = () => directory;
    try {
      return work();
    } finally {
      ts.sys.getCurrentDirectory = current;
    }
  };
  const converter = withTypePackagesHidden(() => inDirectory(() => converterModule.createConverter()));
  const typescript = ts as unknown as typeof TS;
  /** The cell as tslab gets it: see shorthand-expansion.ts and interface-merging.ts. */
  const expand = (prevDecl: string, src: string) => insertInto(src, [...shorthandExpansions(typescript, src), ...earlierInterfaceDeclarations(typescript, prevDecl, src)]);
  return {
    convert(prevDecl, src) {
      const expansion = expand(prevDecl, src);
      const conversion = withTypePackagesHidden(() => converter.convert(prevDecl, expansion.text));
      return expansion.text === src ? conversion : { ...conversion, diagnostics: conversion.diagnostics.map((d) => inCell(d, expansion, src)) };
    },
    positionMapper(prevDecl, src) {
      const expansion = expand(prevDecl, src);
      const maps = captureMaps(() => withTypePackagesHidden(() => converter.convert(prevDecl, expansion.text)));
      if (!maps) return undefined;
      const mapped = positionMapper(maps);
      if (expansion.text === src) return mapped;
      return (line, column) => {
        const at = mapped(line, column);
        if (!at) return undefined;
        const { line: cellLine, character } = lineAndCharacter(src, expansion.toCellOffset(offsetOf(expansion.text, at.line, at.column)));
        return { line: cellLine, column: character };
      };
    },
    complete: (prevDecl, src, position) => {
      const { start, end, candidates } = withTypePackagesHidden(() => converter.complete(prevDecl, src, position));
      return { start, end, candidates };
    },
    inspect(prevDecl, src, position) {
      const info = withTypePackagesHidden(() => converter.inspect(prevDecl, src, position));
      if (!info) return undefined;
      const tags = (info.tags ?? []).map((t) => `@${t.name} ${t.text ? ts.displayPartsToString(t.text) : ""}`.trim());
      return {
        start: info.textSpan.start,
        length: info.textSpan.length,
        signature: ts.displayPartsToString(info.displayParts),
        documentation: [ts.displayPartsToString(info.documentation), ...tags].filter(Boolean).join("\n"),
      };
    },
    close: () => converter.close(),
  };
}


/** is_complete_request's answer: "incomplete" (with the indent for the next line), "invalid" or "complete". */
export function completeness(src: string): { status: "complete" | "incomplete" | "invalid"; indent?: string } {
  const { ts, converterModule } = tslab();
  const { completed, indent } = converterModule.isCompleteCode(src);
  if (!completed) return { status: "incomplete", indent: indent ?? "" };
  const parsed = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.Latest, true) as { parseDiagnostics?: unknown[] };
  return parsed.parseDiagnostics && parsed.parseDiagnostics.length > 0 ? { status: "invalid" } : { status: "complete" };
}
