import type { TypeScriptEngine } from "../../common/typescript-engine";

/** What a magic gets from the kernel for one cell. */
export interface MagicContext {
  /** The notebook's variables (tslab keeps them as properties of an `exports` object). Read for --input; write $last / $results here. */
  notebookScope: Record<string, unknown>;
  /** Names in notebookScope that the kernel keeps there itself ($last, $results, _ and __), not the user: %who leaves them out. */
  kernelVariables: readonly string[];
  /** .d.ts text declaring every notebook variable so far (tslab's declOutput), for type-checking bodies that may see notebook variables (sync/async). */
  notebookDeclarations: string;
  /** The kernel's TypeScript engine: engine.convert(prevDecl, src) type-checks and transpiles one module to CommonJS JS. Notebook variables in the output are read as `exports.NAME`. */
  engine: TypeScriptEngine;
  /** `require` resolving from the notebook's folder, also resolving "conclab". */
  require: NodeJS.Require;
  /** Aborted when the user interrupts the kernel. */
  signal: AbortSignal;
  /** Show a MIME bundle as display_data; with displayId, later calls with update:true replace it. */
  display(bundle: Record<string, unknown>, options?: { displayId?: string; update?: boolean }): void;
  /** The `session` of the request's header: the front end that asked (a reloaded page is a new one), which charts send plotly.js to once. */
  clientSession: string;
  /** Write to the cell's stdout / stderr stream. */
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Type-checks a plain TypeScript cell exactly as the kernel would (throws on a type error) and
   * returns what runs it (top-level await works), resolving to its last expression's value. For %%time/%%timeit.
   */
  compilePlainCell(code: string): () => Promise<unknown>;
  /** The OS ids of the kernel's own threads (its I/O thread): their CPU during a run is the harness's, not the body's. */
  kernelThreadIds?: number[];
  /** The notebook's folder: workers and child processes resolve the body's imports from here. Default: process.cwd(). */
  notebookDirectory?: string;
}
