/** Reads what a cell is: a help request (`Math.max?`), a line magic, a cell magic, or plain TypeScript. */

export type CellKind =
  | { kind: "help"; target: string; magic: boolean }
  | { kind: "line-magic"; name: string; args: string; rest: string }
  | { kind: "cell-magic"; name: string; args: string; body: string }
  | { kind: "typescript"; code: string };

export function routeCell(code: string): CellKind {
  const trimmed = code.trim();
  const help = /^(?:\?{1,2}(%{0,2}[\w$.]+)|(%{0,2}[\w$.]+)\?{1,2})$/.exec(trimmed);
  if (help) {
    const target = help[1] ?? help[2];
    return { kind: "help", target: target.replace(/^%+/, ""), magic: target.startsWith("%") };
  }
  const magic = /^%(%?)([\w-]*)[ \t]*(.*)$/m.exec(code.replace(/^\s*\n/, ""));
  if (magic && magic.index === 0) {
    const [firstLine, name, args] = [magic[0], magic[2], magic[3].trim()];
    if (magic[1] === "%") return { kind: "cell-magic", name, args, body: code.replace(/^\s*\n/, "").slice(firstLine.length + 1) };
    return { kind: "line-magic", name, args, rest: code.replace(/^\s*\n/, "").slice(firstLine.length + 1).trim() };
  }
  return { kind: "typescript", code };
}
