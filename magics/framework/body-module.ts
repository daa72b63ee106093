/** A magic's body as the TypeScript module it is type-checked as: what completion and inspection in the body ask the engine about. */
import type { MagicContext } from "./magic-context";

export interface BodyModule {
  /** The module's TypeScript: the body inside what its magic puts around it. */
  source: string;
  /** What the module is checked against: the notebook's declarations, and any the magic adds. */
  declarations: string;
  /** Where an offset of the body is in `source`; undefined where the body's text is not in `source` as written. */
  sourceOffset(bodyOffset: number): number | undefined;
  /** Where an offset of `source` is in the body; undefined in what the magic put around the body. */
  bodyOffset(sourceOffset: number): number | undefined;
  /** Names declared to the module that the body may not read: the notebook's variables, for a body that runs in another thread or process. */
  unreadable: readonly string[];
  /** TypeScript's text about the module (a signature, a message) in the body's terms: without the names the magic gave what it put around the body. */
  inBodyTerms(text: string): string;
}

/** What a body module is made from, of the notebook. */
export type NotebookView = Pick<MagicContext, "notebookScope" | "notebookDeclarations">;

/** TypeScript checked as it is written, e.g. a body that runs as a plain cell. */
export function asWritten(source: string, declarations: string): BodyModule {
  return { source, declarations, sourceOffset: (offset) => offset, bodyOffset: (offset) => offset, unreadable: [], inBodyTerms: (text) => text };
}
