/** The TypeScript that completion and inspection ask about for a cell. */
import { BodyModule, asWritten } from "../../magics/framework/body-module";
import { magicBodyModule } from "../../magics/registry";
import type { KernelServices } from "../kernel-services";
import { routeCell } from "./cell-router";

/**
 * A plain cell as written; a magic cell's body as the module its magic type-checks it as, with the
 * cell's offsets (UTF-16) for the body's; undefined for a cell of only `%` and `!` lines, or a magic whose body is another language, which are no TypeScript.
 */
export function cellModule(kernel: KernelServices, code: string): BodyModule | undefined {
  const notebook = { notebookScope: kernel.executor.scope, notebookDeclarations: kernel.executor.declarations };
  const cell = routeCell(code);
  if (cell.kind === "code" && cell.segments.every((s) => s.kind !== "typescript")) return undefined;
  if (cell.kind !== "cell-magic") return asWritten(code, notebook.notebookDeclarations);
  const body = magicBodyModule(cell.name, cell.args, cell.body, notebook);
  // A body in another language (%%python) is no TypeScript: nothing to complete or inspect there.
  if (!body) return undefined;
  const bodyStart = code.length - cell.body.length;
  // Without a line break after the magic's line, the cell has no body: its end is on that line.
  const inBody = (offset: number) => offset >= bodyStart && code[bodyStart - 1] === "\n";
  return {
    ...body,
    sourceOffset: (offset) => (inBody(offset) ? body.sourceOffset(offset - bodyStart) : undefined),
    bodyOffset: (offset) => {
      const inTheBody = body.bodyOffset(offset);
      return inTheBody === undefined ? undefined : bodyStart + inTheBody;
    },
  };
}
