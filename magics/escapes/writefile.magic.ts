/** %%writefile [-a] FILE: the cell is the text of a file. */
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { whyCannotWrite } from "../../common/write-error";
import { defineMagic } from "../framework/magic";
import { argument, flag, word } from "../framework/option-spec";
import { UsageError } from "../framework/usage-error";
import { expandHome } from "./expand-home";

export const writefileMagic = defineMagic({
  name: "writefile",
  summary: "write the cell to a file (-a: append to it)",
  description:
    "Writes the cell, with a newline at its end, to FILE (UTF-8), relative to the kernel's folder (the notebook's, unless %cd moved it); " +
    'says "Writing FILE", or "Overwriting FILE" when it replaced one, or "Appending to FILE" with -a, as IPython does.',
  body: "the text to write",
  options: {
    append: { ...flag("add to the end of FILE instead of replacing it"), short: "a" },
    file: argument(word("FILE", "a path; quote it when it has spaces; ~ is your home folder"), "the file to write"),
  },
  async run(options, body, ctx) {
    const file = path.resolve(expandHome(options.file));
    const text = body.endsWith("\n") ? body : `${body}\n`;
    const existed = existsSync(file);
    try {
      if (options.append) appendFileSync(file, text);
      else writeFileSync(file, text);
    } catch (e) {
      throw new UsageError(`%%writefile: ${whyCannotWrite(e as NodeJS.ErrnoException, file)}`);
    }
    ctx.stdout(`${options.append && existed ? "Appending to" : existed ? "Overwriting" : "Writing"} ${options.file}\n`);
    return undefined;
  },
});
