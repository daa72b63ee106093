/** complete_request, inspect_request, is_complete_request, and the `?` help page. */
import type { HandlerTable } from "../dispatch/dispatcher";
import { routeCell } from "../execution/cell-router";
import { completeMagic, magicHelp } from "../../magics/registry";
import { completeness } from "../engine/tslab-adapter";
import type { KernelServices } from "../kernel-services";
import { codePointToIndex, indexToCodePoint } from "../../protocol/cursor";

interface CodeAtCursor {
  code: string;
  cursor_pos?: number;
  detail_level?: number;
}

/** The first line of a magic cell is not TypeScript: introspect its body, shifting positions. */
function typescriptPart(code: string): { source: string; offset: number } {
  const cell = routeCell(code);
  if (cell.kind !== "cell-magic") return { source: code, offset: 0 };
  return { source: cell.body, offset: code.length - cell.body.length };
}

function inspectAt(kernel: KernelServices, code: string, index: number) {
  const { source, offset } = typescriptPart(code);
  if (index < offset) return undefined;
  const at = index - offset;
  // A cursor just after a name (the usual case when asking about it) points past its last character.
  return kernel.engine.inspect(kernel.executor.declarations, source, at) ?? (at > 0 ? kernel.engine.inspect(kernel.executor.declarations, source, at - 1) : undefined);
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
      const magic = completeMagic(code, index);
      if (magic) {
        return { status: "ok", matches: magic.matches, cursor_start: indexToCodePoint(code, magic.start), cursor_end: indexToCodePoint(code, magic.end), metadata: {} };
      }
      const { source, offset } = typescriptPart(code);
      const found = index < offset ? { start: index, end: index, candidates: [] } : kernel.engine.complete(kernel.executor.declarations, source, index - offset);
      return {
        status: "ok",
        matches: found.candidates,
        cursor_start: indexToCodePoint(code, found.start + offset),
        cursor_end: indexToCodePoint(code, found.end + offset),
        metadata: {},
      };
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
      if (cell.kind === "cell-magic") return completeness(cell.body);
      const last = cell.segments.at(-1);
      return last?.kind === "typescript" ? completeness(last.code) : { status: "complete" };
    },
  };
}
