import type { BodyModule, NotebookView } from "./body-module";
import type { OptionSpecs, ParsedOptions } from "./option-spec";
import type { MagicContext } from "./magic-context";

/** One cell magic: its declared options and what it does with a cell. */
export interface Magic<S extends OptionSpecs = OptionSpecs> {
  name: string;
  /** Other names it answers to, e.g. js for javascript. */
  aliases?: readonly string[];
  /** One line for %lsmagic. */
  summary: string;
  /** The paragraph of `%%name?` above the options. */
  description: string;
  /** What goes below the magic line, for the error of a cell without it; default "the TypeScript to run". */
  body?: string;
  /** Set when the body is not TypeScript (%%python): completion, inspection and is_complete leave it to itself, never to the TypeScript engine. */
  bodyLanguage?: "python";
  /** Set when `%name OPTIONS STATEMENT` also works, running the statement as the body: its line for %lsmagic. */
  lineSummary?: string;
  options: S;
  /** Resolves to the cell's execute_result value (undefined for none). */
  run(options: ParsedOptions<S>, body: string, ctx: MagicContext, argLine: string): Promise<unknown>;
  /** The module `run` type-checks the body as, for completion and inspection in the body; absent when the body runs as a plain cell. */
  bodyModule?(options: ParsedOptions<S>, body: string, notebook: NotebookView, argLine: string): BodyModule;
}

/** Keeps each magic's options typed where it is written, and storable in one registry. */
export function defineMagic<S extends OptionSpecs>(magic: Magic<S>): Magic {
  return magic;
}

/** "%%threads --workers 2": the magic's line as results record it. */
export function magicLineOf(name: string, argLine: string): string {
  return `%%${name} ${argLine}`.trim();
}

/** One line magic, `%name ARGS`: the words after its name are its own to read. */
export interface LineMagic {
  name: string;
  /** One line for %lsmagic. */
  summary: string;
  /** What `%name?` and `%magic name` show: how to call it, then what it does. */
  help: string;
  /** Resolves to the cell's result (undefined for none); throws UsageError for bad arguments. */
  run(args: string, ctx: MagicContext): Promise<unknown>;
}
