/** The kernel's entry to the magics: run a cell magic, a line magic or a `!` line, their help, %lsmagic, completion. */
import { closestWord } from "../common/closest-word";
import { attachDisplay } from "../common/mime-bundle";
import { optionHelp } from "./framework/option-help";
import { optionFlag } from "./framework/option-spec";
import { parseMagicArgs } from "./framework/parse-magic-args";
import { splitLeadingOptions } from "./framework/split-leading-options";
import { asyncMagic } from "./cells/async.magic";
import { compareMagic } from "./cells/compare.magic";
import type { LineMagic, Magic } from "./framework/magic";
import { BodyModule, NotebookView, asWritten } from "./framework/body-module";
import type { MagicContext } from "./framework/magic-context";
import { processesMagic } from "./cells/processes.magic";
import { pythonMagic } from "./cells/python.magic";
import { syncMagic } from "./cells/sync.magic";
import { threadsMagic } from "./cells/threads.magic";
import { timeMagic } from "./cells/time.magic";
import { timeitMagic } from "./cells/timeit.magic";
import { envMagic } from "./escapes/env.magic";
import { htmlMagic } from "./escapes/html.magic";
import { javascriptMagic } from "./escapes/javascript.magic";
import { SHELL_LINE_HELP } from "./escapes/shell-line";
import { bashMagic, shMagic } from "./escapes/shell.magic";
import { whoMagic, whosMagic } from "./escapes/who.magic";
import { cdMagic, pwdMagic } from "./escapes/working-directory.magic";
import { writefileMagic } from "./escapes/writefile.magic";
import { resultsMagic } from "./results-magic/results-line-magic";
import { UsageError } from "./framework/usage-error";

export { UsageError } from "./framework/usage-error";
export { BodyTypeError } from "./body/body-type-error";
export { PythonBodyError } from "./body/python-body-error";
export { runShellLine } from "./escapes/shell-line";

const MAGICS: readonly Magic[] = [
  syncMagic,
  asyncMagic,
  threadsMagic,
  processesMagic,
  compareMagic,
  pythonMagic,
  timeMagic,
  timeitMagic,
  bashMagic,
  shMagic,
  htmlMagic,
  javascriptMagic,
  writefileMagic,
];

const lsmagicMagic: LineMagic = {
  name: "lsmagic",
  summary: "list the magics",
  help: "%lsmagic     every cell magic, line magic and the ! line, one a line with what it does",
  run: async () => shownText(listMagics()),
};

const magicMagic: LineMagic = {
  name: "magic",
  summary: "the help of every magic, or of one: %magic NAME (as %%NAME? or %NAME? shows it)",
  help: "%magic NAME  the help of the magic NAME (%%NAME? and %NAME? show the same)\n%magic       the help of every magic",
  async run(args) {
    if (!args) return shownText([...MAGICS.map((m) => m.name), ...LINE_MAGICS.map((m) => m.name)].map((name) => magicHelp(name)).concat(SHELL_LINE_HELP).join("\n\n\n"));
    const help = magicHelp(args);
    if (!help) throw new UsageError(`%magic takes the name of a magic, e.g. %magic threads; got ${JSON.stringify(args)}. %lsmagic lists them`);
    return shownText(help);
  },
};

const LINE_MAGICS: readonly LineMagic[] = [lsmagicMagic, magicMagic, resultsMagic, envMagic, cdMagic, pwdMagic, whoMagic, whosMagic];

function shownText(text: string): object {
  return attachDisplay({}, () => ({ "text/plain": text }));
}

function findMagic(name: string): Magic | undefined {
  return MAGICS.find((m) => m.name === name || m.aliases?.includes(name));
}

function findLineMagic(name: string): LineMagic | undefined {
  return LINE_MAGICS.find((m) => m.name === name);
}

/** Every name `%name` answers to: the line magics and the line forms of cell magics. */
function lineMagicNames(): string[] {
  return [...LINE_MAGICS.map((m) => m.name), ...MAGICS.filter((m) => m.lineSummary).map((m) => m.name)];
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
  if (!body.trim()) throw new UsageError(`%%${name} needs a body: ${magic.body ?? "the TypeScript to run"} goes on the lines below %%${name}`);
  const second = /^\s*(%%[\w-]+)/.exec(body);
  if (second) throw new UsageError(`one magic per cell: this cell has %%${name} and then ${second[1]}; put each in a cell of its own (or use %%compare to run one body under several models)`);
  return magic.run(parseMagicArgs(name, magic.options, argLine), body, ctx, argLine);
}

/** `%name OPTIONS STATEMENT` for a cell magic that has a line form: the statement is its body. */
async function runLineForm(magic: Magic, args: string, ctx: MagicContext): Promise<unknown> {
  const { argLine, statement } = splitLeadingOptions(magic.options, args);
  const options = parseMagicArgs(magic.name, magic.options, argLine, "%");
  if (!statement) throw new UsageError(`%${magic.name} needs a statement after its options, e.g. %${magic.name} Math.sqrt(2); for a whole cell, write %%${magic.name} above it`);
  return magic.run(options, statement, ctx, argLine);
}

/** Why `%name` runs nothing, and what to write instead. */
function noLineMagic(name: string): UsageError {
  const cellMagic = findMagic(name.replace(/^%/, ""));
  if (name.startsWith("%")) {
    return new UsageError(`%${name} goes on the first line of its cell, with ${cellMagic?.body ?? "its body"} below it: move it to the top of a cell of its own`);
  }
  if (cellMagic) return new UsageError(`%${name} is a cell magic: write %%${name} on the first line of a cell, with ${cellMagic.body ?? "the TypeScript to run"} below it`);
  const near = closestWord(name, lineMagicNames());
  return new UsageError(`there is no line magic %${name}${near ? `; did you mean %${near}?` : ""} (the line magics are ${lineMagicNames().map((n) => `%${n}`).join(", ")}; cell magics start with %%)`);
}

/** Throws the UsageError of `%name` when there is no such line magic: for a cell to check all its lines before it runs any. */
export function checkLineMagic(name: string): void {
  if (!findLineMagic(name) && !findMagic(name)?.lineSummary) throw noLineMagic(name);
}

/** Runs `%name args`: a line magic, or the line form of a cell magic (`%timeit f()`). Resolves to the value to show, if any. */
export async function runLineMagic(name: string, args: string, ctx: MagicContext): Promise<unknown> {
  checkLineMagic(name);
  const line = findLineMagic(name);
  return line ? line.run(args, ctx) : runLineForm(findMagic(name)!, args, ctx);
}

/** The help for `%%name?`, `%name?` or `%magic name`; undefined for an unknown magic. */
export function magicHelp(name: string): string | undefined {
  const bare = name.replace(/^%+/, "");
  const line = findLineMagic(bare);
  if (line) return line.help;
  const magic = findMagic(bare);
  if (!magic) return undefined;
  const help = optionHelp(`%%${magic.name}`, magic.description, magic.options);
  const aliases = magic.aliases?.length ? `\n\nAlso written ${magic.aliases.map((a) => `%%${a}`).join(", ")}.` : "";
  const lineForm = magic.lineSummary ? `\n\nAs a line magic: %${magic.name} [OPTIONS] STATEMENT, ${magic.lineSummary}.` : "";
  return `${help}${aliases}${lineForm}`;
}

/** What %lsmagic shows: the cell magics, the line magics and the ! line, one a line with what it does. */
export function listMagics(): string {
  const cellNames = MAGICS.map((m) => [`%%${m.name}${m.aliases?.length ? ` (${m.aliases.map((a) => `%%${a}`).join(", ")})` : ""}`, m.summary]);
  const lineNames = [...LINE_MAGICS.map((m) => [`%${m.name}`, m.summary]), ...MAGICS.filter((m) => m.lineSummary).map((m) => [`%${m.name}`, m.lineSummary!])];
  const column = (rows: string[][]) => {
    const width = Math.max(...rows.map(([n]) => n.length)) + 3;
    return rows.map(([n, summary]) => `  ${n.padEnd(width)}${summary}`).join("\n");
  };
  return [
    `Cell magics (%%name? shows a magic's options):\n${column(cellNames)}`,
    `Line magics (%name? shows one's help):\n${column(lineNames)}`,
    `Shell:\n${SHELL_LINE_HELP.replace(/^/gm, "  ")}`,
  ].join("\n\n");
}

/**
 * The module the body of `%%name argLine` is type-checked as, for completion and inspection in it:
 * the magic's own, or the body as written where it runs as a plain cell (and for an unknown magic).
 * An option line that does not parse (yet) is read as no options. Undefined for a body in another language (%%python).
 */
export function magicBodyModule(name: string, argLine: string, body: string, notebook: NotebookView): BodyModule | undefined {
  const magic = findMagic(name);
  if (magic?.bodyLanguage) return undefined;
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
 * Completion on a magic's line, where `cursor` (an offset in the cell `code`) is on it: `%%na|`
 * completes cell magic names, `%na|` line magic names (on a cell's first line), `--wor|` the
 * options of the cell magic named on the line that are not given yet, and `--schedule |` the
 * option's values (`--input |`: the notebook's variables). Undefined when the cursor is not on a magic's line.
 */
export function completeMagic(code: string, cursor: number, notebookScope: Record<string, unknown>): LineCompletion | undefined {
  const lineWord = /^%([\w-]*)$/.exec(code.slice(0, cursor));
  if (lineWord) return { matches: lineMagicNames().filter((n) => n.startsWith(lineWord[1])).map((n) => `%${n}`), start: 0, end: cursor };
  const lineEnd = code.indexOf("\n") < 0 ? code.length : code.indexOf("\n");
  if (cursor > lineEnd || !code.startsWith("%%")) return undefined;
  const before = code.slice(0, cursor);
  const wordEnd = cursor + (/^[\w$-]*/.exec(code.slice(cursor, lineEnd))?.[0].length ?? 0);
  const name = /^%%([\w-]*)/.exec(before)![1];
  if (/^%%[\w-]*$/.test(before)) {
    const names = MAGICS.flatMap((m) => [m.name, ...(m.aliases ?? [])]);
    return { matches: names.filter((n) => n.startsWith(name)).map((n) => `%%${n}`), start: 0, end: wordEnd };
  }
  const none = { matches: [], start: cursor, end: cursor };
  const magic = findMagic(/^%%([\w-]*)/.exec(code)![1]);
  if (!magic) return none;
  const options = Object.entries(magic.options).filter(([, spec]) => !spec.positional);
  const option = /(^|\s)(--?[\w-]*)$/.exec(before);
  if (option) {
    const start = cursor - option[2].length;
    const otherWords = `${code.slice(0, start)} ${code.slice(wordEnd, lineEnd)}`.split(/\s+/).map((w) => w.split("=")[0]);
    const flags = options.flatMap(([key, spec]) => {
      const names = [optionFlag(key), ...(spec.short ? [`-${spec.short}`] : [])];
      return !spec.many && names.some((n) => otherWords.includes(n)) ? [] : names;
    });
    return { matches: flags.filter((f) => f.startsWith(option[2])), start, end: wordEnd };
  }
  // The option, then "=" or the values given to it so far, then the value being typed.
  const value = /(--[\w-]+)(=|(?:\s+[\w$,=][\w$,=-]*)*\s+)([\w$,=-]*)$/.exec(before);
  const spec = value && options.find(([key]) => optionFlag(key) === value[1])?.[1];
  if (!value || !spec?.value?.suggest || (value[2].trim() !== "" && value[2] !== "=" && !spec.many)) return none;
  const typed = value[3].slice(value[3].lastIndexOf(",") + 1);
  return { matches: spec.value.suggest(notebookScope).filter((s) => s.startsWith(typed)), start: cursor - typed.length, end: wordEnd };
}
