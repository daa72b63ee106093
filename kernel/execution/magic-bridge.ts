/** Between the kernel and the magics: runs a magic cell, gives magic help and completion. */
import type { CellOutput } from "./cell-output";
import type { CellKind } from "./cell-router";
import { CellError } from "./cell-error";
import type { Kernel } from "../kernel";
import type { Message } from "../protocol/messages";

const LINE_MAGICS: Record<string, string> = { lsmagic: "list the magics" };

export async function runMagic(_kernel: Kernel, cell: Extract<CellKind, { kind: "line-magic" | "cell-magic" }>, _output: CellOutput, _request: Message, _label: string): Promise<unknown> {
  if (cell.kind === "line-magic" && cell.name === "lsmagic") return listMagicsText();
  throw new CellError("UsageError", `unknown magic ${cell.kind === "cell-magic" ? "%%" : "%"}${cell.name}`, [`UsageError: unknown magic; %lsmagic lists the magics there are`]);
}

function listMagicsText(): string {
  return `Line magics:\n${Object.entries(LINE_MAGICS).map(([n, d]) => `  %${n}  ${d}`).join("\n")}`;
}

export function magicHelpText(name: string): string | undefined {
  return LINE_MAGICS[name] ? `%${name}: ${LINE_MAGICS[name]}` : undefined;
}

export function magicCompletion(code: string, index: number): { matches: string[]; start: number; end: number } | undefined {
  const firstLineEnd = code.indexOf("\n") < 0 ? code.length : code.indexOf("\n");
  if (index > firstLineEnd || !code.startsWith("%")) return undefined;
  const word = /%{1,2}[\w-]*$/.exec(code.slice(0, index));
  if (!word) return undefined;
  const prefix = word[0].replace(/^%+/, "");
  return { matches: Object.keys(LINE_MAGICS).filter((n) => n.startsWith(prefix)).map((n) => `%${n}`), start: index - word[0].length, end: index };
}
