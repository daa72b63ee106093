import type { BodyModule, NotebookView } from "./body-module";
import type { OptionSpecs, ParsedOptions } from "./option-spec";
import type { MagicContext } from "./magic-context";

/** One cell magic: its declared options and what it does with a cell. */
export interface Magic<S extends OptionSpecs = OptionSpecs> {
  name: string;
  /** One line for %lsmagic. */
  summary: string;
  /** The paragraph of `%%name?` above the options. */
  description: string;
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
