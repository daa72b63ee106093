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
}

/** Keeps each magic's options typed where it is written, and storable in one registry. */
export function defineMagic<S extends OptionSpecs>(magic: Magic<S>): Magic {
  return magic;
}
