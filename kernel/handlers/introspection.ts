/** complete_request, inspect_request, is_complete_request, and the `?` help page. */
import type { HandlerTable } from "../dispatch/dispatcher";
import { routeCell } from "../execution/cell-router";
import { cellModule } from "../execution/cell-module";
import { magicCompletion } from "../execution/magic-bridge";
import { type LineCompletion, magicHelp } from "../../magics/registry";
import { completeness } from "../engine/tslab-adapter";
import type { KernelServices } from "../kernel-services";
import { codePointToIndex, indexToCodePoint } from "../../protocol/cursor";

interface CodeAtCursor {
  code: string;
  cursor_pos?: number;
  detail_level?: number;
}

/** TypeScript's completion at `index` of the cell, without the names its module may not read. */
function typescriptCompletion(kernel: KernelServices, code: string, index: number): LineCompletion {
  const module = cellModule(kernel, code);
  const at = module?.sourceOffset(index);
  if (!module || at === undefined) return { matches: [], start: index, end: index };
  const found = kernel.engine.complete(module.declarations, module.source, at);
  const unreadable = new Set(module.unreadable);
  return { matches: found.candidates.filter((c) => !unreadable.has(c)), start: module.bodyOffset(found.start) ?? index, end: module.bodyOffset(found.end) ?? index };
}

/** TypeScript's signature and documentation of the name at `index` of the cell, in the cell's terms. */
function inspectAt(kernel: KernelServices, code: string, index: number): { signature: string; documentation: string } | undefined {
  const module = cellModule(kernel, code);
  const at = module?.sourceOffset(index);
  if (!module || at === undefined) return undefined;
  const inspect = (position: number) => kernel.engine.inspect(module.declarations, module.source, position);
  // A cursor just after a name (the usual case when asking about it) points past its last character.
  const info = inspect(at) ?? (at > 0 ? inspect(at - 1) : undefined);
  return info && { signature: module.inBodyTerms(info.signature), documentation: module.inBodyTerms(info.documentation) };
}

/** The pager text for `name?`: a magic's help, or TypeScript's signature and documentation. */
export function helpPage(kernel: KernelServices, target: string, magic: boolean): string {
  const help = magicHelp(target);
  if (magic || help) return help ?? `no magic named %${target} or %%${target}; %lsmagic lists them`;
  const info = inspectAt(kernel, target, target.length);
  return info ? [info.signature, info.documentation].filter(Boolean).join("\n\n") : `no TypeScript symbol named ${target} is known here`;
}

export function introspectionHandlers(kernel: KernelServices): HandlerTable {
  return {
    complete_request(request) {
      const { code, cursor_pos } = request.content as unknown as CodeAtCursor;
      const index = codePointToIndex(code, cursor_pos ?? [...code].length);
      const found = magicCompletion(kernel, code, index) ?? typescriptCompletion(kernel, code, index);
      return { status: "ok", matches: found.matches, cursor_start: indexToCodePoint(code, found.start), cursor_end: indexToCodePoint(code, found.end), metadata: {} };
    },
    inspect_request(request) {
      const { code, cursor_pos } = request.content as unknown as CodeAtCursor;
      const info = inspectAt(kernel, code, codePointToIndex(code, cursor_pos ?? [...code].length));
      if (!info) return { status: "ok", found: false, data: {}, metadata: {} };
      const text = [info.signature, info.documentation].filter(Boolean).join("\n\n");
      return {
        status: "ok",
        found: true,
        data: { "text/plain": text, "text/markdown": "```typescript\n" + info.signature + "\n```" + (info.documentation ? "\n\n" + info.documentation : "") },
        metadata: {},
      };
    },
    is_complete_request(request) {
      const { code } = request.content as unknown as CodeAtCursor;
      const cell = routeCell(code);
      if (cell.kind === "help") return { status: "complete" };
      // As IPython has it, a cell magic's line alone waits for its body; the body then decides.
      if (cell.kind === "cell-magic") return !cell.body.trim() ? { status: "incomplete", indent: "" } : cellModule(kernel, code) ? completeness(cell.body) : { status: "complete" };
      const last = cell.segments.at(-1);
      return last?.kind === "typescript" ? completeness(last.code) : { status: "complete" };
    },
  };
}
