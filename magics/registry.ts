/** The kernel's entry to the magics: run a magic cell, its help, %lsmagic, completion. */
import { closestWord } from "../common/closest-word";
import { optionHelp } from "./framework/option-help";
import { optionFlag } from "./framework/option-spec";
import { parseMagicArgs } from "./framework/parse-magic-args";
import { asyncMagic } from "./cells/async.magic";
import { compareMagic } from "./cells/compare.magic";
import type { Magic } from "./framework/magic";
import { BodyModule, NotebookView, asWritten } from "./framework/body-module";
import type { MagicContext } from "./framework/magic-context";
import { processesMagic } from "./cells/processes.magic";
import { syncMagic } from "./cells/sync.magic";
import { threadsMagic } from "./cells/threads.magic";
import { timeMagic } from "./cells/time.magic";
import { timeitMagic } from "./cells/timeit.magic";
import { UsageError } from "./framework/usage-error";

export { UsageError } from "./framework/usage-error";
export { BodyTypeError } from "./body/body-type-error";

const MAGICS: readonly Magic[] = [syncMagic, asyncMagic, threadsMagic, processesMagic, compareMagic, timeMagic, timeitMagic];

function findMagic(name: string): Magic | undefined {
  return MAGICS.find((m) => m.name === name);
}

/**
 * Runs `%%name argLine` with `body`. Resolves to the value to show as execute_result (a
 * ConclabResult with its display, or undefined); rejects with a UsageError for bad usage (nothing
 * ran) or a BodyTypeError (name "TypeScriptError") for a body that does not type-check.
 */
export async function runMagicCell(name: string, argLine: string, body: string, ctx: MagicContext): Promise<unknown> {
  const magic = findMagic(name);
  if (!magic) {
    const near = closestWord(name, MAGICS.map((m) => m.name));
    throw new UsageError(`there is no magic %%${name}${near ? `; did you mean %%${near}?` : ""} (%lsmagic lists the magics: ${MAGICS.map((m) => `%%${m.name}`).join(", ")})`);
  }
  return magic.run(parseMagicArgs(magic.name, magic.options, argLine), body, ctx, argLine);
}

/** The help for `%%name?`; undefined for an unknown magic. */
export function magicHelp(name: string): string | undefined {
  const magic = findMagic(name.replace(/^%+/, ""));
  return magic && optionHelp(`%%${magic.name}`, magic.description, magic.options);
}

/** The cell magics for %lsmagic, one a line with what it does. */
export function listMagics(): string {
  const width = Math.max(...MAGICS.map((m) => m.name.length)) + 4;
  return `Cell magics (%%name? shows a magic's options):\n${MAGICS.map((m) => `  ${`%%${m.name}`.padEnd(width)}${m.summary}`).join("\n")}`;
}

/**
 * The module the body of `%%name argLine` is type-checked as, for completion and inspection in it:
 * the magic's own, or the body as written where it runs as a plain cell (and for an unknown magic).
 * An option line that does not parse (yet) is read as no options.
 */
export function magicBodyModule(name: string, argLine: string, body: string, notebook: NotebookView): BodyModule {
  const magic = findMagic(name);
  if (!magic?.bodyModule) return asWritten(body, notebook.notebookDeclarations);
  return magic.bodyModule(optionsOrDefaults(magic, argLine), body, notebook, argLine);
}

function optionsOrDefaults(magic: Magic, argLine: string) {
  try {
    return parseMagicArgs(magic.name, magic.options, argLine);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return parseMagicArgs(magic.name, magic.options, "");
  }
}

export interface LineCompletion {
  matches: string[];
  start: number;
  end: number;
}

/**
 * Completion on a magic cell's first line, where `cursor` (an offset in the cell `code`) is on it:
 * `%%na|` completes magic names, `--wor|` the options of the magic named on the line that are not
 * given yet, and `--schedule |` the option's values (`--input |`: the notebook's variables).
 * Undefined when the cursor is not on a magic's line.
 */
export function completeMagic(code: string, cursor: number, notebookScope: Record<string, unknown>): LineCompletion | undefined {
  const lineEnd = code.indexOf("\n") < 0 ? code.length : code.indexOf("\n");
  if (cursor > lineEnd || !code.startsWith("%%")) return undefined;
  const before = code.slice(0, cursor);
  const wordEnd = cursor + (/^[\w$-]*/.exec(code.slice(cursor, lineEnd))?.[0].length ?? 0);
  const name = /^%%([\w-]*)/.exec(before)![1];
  if (/^%%[\w-]*$/.test(before)) {
    return { matches: MAGICS.filter((m) => m.name.startsWith(name)).map((m) => `%%${m.name}`), start: 0, end: wordEnd };
  }
  const none = { matches: [], start: cursor, end: cursor };
  const magic = findMagic(/^%%([\w-]*)/.exec(code)![1]);
  if (!magic) return none;
  const option = /(^|\s)(--?[\w-]*)$/.exec(before);
  if (option) {
    const start = cursor - option[2].length;
    const otherWords = `${code.slice(0, start)} ${code.slice(wordEnd, lineEnd)}`.split(/\s+/).map((w) => w.split("=")[0]);
    const flags = Object.entries(magic.options).flatMap(([key, spec]) => {
      const names = [optionFlag(key), ...(spec.short ? [`-${spec.short}`] : [])];
      return !spec.many && names.some((n) => otherWords.includes(n)) ? [] : names;
    });
    return { matches: flags.filter((f) => f.startsWith(option[2])), start, end: wordEnd };
  }
  // The option, then "=" or the values given to it so far, then the value being typed.
  const value = /(--[\w-]+)(=|(?:\s+[\w$,=][\w$,=-]*)*\s+)([\w$,=-]*)$/.exec(before);
  const spec = value && Object.entries(magic.options).find(([key]) => optionFlag(key) === value[1])?.[1];
  if (!value || !spec?.value?.suggest || (value[2].trim() !== "" && value[2] !== "=" && !spec.many)) return none;
  const typed = value[3].slice(value[3].lastIndexOf(",") + 1);
  return { matches: spec.value.suggest(notebookScope).filter((s) => s.startsWith(typed)), start: cursor - typed.length, end: wordEnd };
}
