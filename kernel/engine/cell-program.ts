/**
 * The program tslab's watch host builds for each cell. TypeScript's default, a semantic-diagnostics
 * builder, keeps per-file state for incremental emit: on every cell it works out what each of the
 * program's ~100 library and @types/node files references, through the type checker, which took
 * about two thirds of a typed cell's round trip. tslab's converter asks its builder only for the
 * program, a source file, an emit and the files a cell depends on; this answers those from a plain
 * program (which still reuses the unchanged files of the one before) and follows the cell's own
 * imports for its dependencies.
 */
import * as path from "node:path";
import type * as TS from "typescript";

/** What tslab's converter and TypeScript's watch program call on the "builder" they are given. */
export interface CellProgram {
  getProgram(): TS.Program;
  getProgramOrUndefined(): TS.Program;
  getCompilerOptions(): TS.CompilerOptions;
  getSourceFile(fileName: string): TS.SourceFile | undefined;
  getAllDependencies(sourceFile: TS.SourceFile): string[];
  emit: TS.Program["emit"];
}

/** TypeScript's binder, internal but exported by 5.0's bundle; it leaves a file it has bound as it is. */
interface Binder {
  bindSourceFile(file: TS.SourceFile, options: TS.CompilerOptions): void;
}

/** `SourceFile.imports` is internal in TypeScript 5.0: the module names the file imports or requires, as parsed. */
type ParsedSourceFile = TS.SourceFile & { imports?: readonly TS.StringLiteralLike[] };

/**
 * A watch host's `createProgram` (its fourth argument). The watch program calls it with no root
 * names when only the configuration's diagnostics changed; the last program's are used then.
 */
export function cellProgramFactory(ts: typeof TS) {
  return (
    rootNames: readonly string[] | undefined,
    options: TS.CompilerOptions | undefined,
    host: TS.CompilerHost,
    old: CellProgram | undefined,
    configFileParsingDiagnostics?: readonly TS.Diagnostic[],
    projectReferences?: readonly TS.ProjectReference[],
  ): CellProgram => {
    const oldProgram = old?.getProgramOrUndefined();
    const program = ts.createProgram({
      rootNames: rootNames ?? oldProgram?.getRootFileNames() ?? [],
      options: options ?? oldProgram?.getCompilerOptions() ?? {},
      host,
      oldProgram,
      configFileParsingDiagnostics,
      projectReferences,
    });
    // tslab reads the cell's top-level names from its bound source file (`locals`) before it asks
    // for diagnostics; a builder had bound every file while it made its state. Binding the root
    // files alone spares the program a type checker until it needs one: with @types/node's globals
    // to merge, making one is most of a cell's cost, and tslab's first program of a cell never does.
    for (const fileName of program.getRootFileNames()) {
      const file = program.getSourceFile(fileName);
      if (file) (ts as unknown as Binder).bindSourceFile(file, program.getCompilerOptions());
    }
    return {
      getProgram: () => program,
      getProgramOrUndefined: () => program,
      getCompilerOptions: () => program.getCompilerOptions(),
      getSourceFile: (fileName) => program.getSourceFile(fileName),
      getAllDependencies: (sourceFile) => sourceDependencies(program, sourceFile),
      emit: (...args) => program.emit(...args),
    };
  };
}

/**
 * `sourceFile` and the TypeScript and JavaScript sources it imports, directly or through each other
 * (what tslab emits beside a cell and checks with it). Declaration files are not followed: no
 * source a cell runs is reached through one.
 */
function sourceDependencies(program: TS.Program, sourceFile: TS.SourceFile): string[] {
  const checker = program.getTypeChecker();
  const found = new Map<string, TS.SourceFile>([[sourceFile.fileName, sourceFile]]);
  const pending: TS.SourceFile[] = [sourceFile];
  const add = (file: TS.SourceFile | undefined) => {
    if (file && !file.isDeclarationFile && !found.has(file.fileName)) {
      found.set(file.fileName, file);
      pending.push(file);
    }
  };
  for (let file = pending.pop(); file; file = pending.pop()) {
    for (const name of (file as ParsedSourceFile).imports ?? []) {
      for (const declaration of checker.getSymbolAtLocation(name)?.declarations ?? []) add(declaration.getSourceFile());
    }
    for (const reference of file.referencedFiles) add(program.getSourceFile(path.resolve(path.dirname(file.fileName), reference.fileName)));
  }
  return [...found.keys()];
}
