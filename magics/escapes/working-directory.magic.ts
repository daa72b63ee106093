/** %cd and %pwd: the kernel's working folder, where ! commands, %%bash and %%writefile start. */
import * as path from "node:path";
import type { LineMagic } from "../framework/magic";
import { splitArgLine } from "../framework/split-arg-line";
import { UsageError } from "../framework/usage-error";
import { expandHome } from "./expand-home";

/** Where `%cd -` goes back to. */
let previous: string | undefined;

function cannotEnter(error: NodeJS.ErrnoException, folder: string): UsageError {
  const why: Record<string, string> = {
    ENOENT: `there is no folder ${folder}`,
    ENOTDIR: `${folder} is not a folder (it, or a part of its path, is a file)`,
    EACCES: `no permission to enter ${folder}`,
  };
  return new UsageError(`%cd: ${why[error.code ?? ""] ?? `cannot enter ${folder}: ${error.message}`}; the kernel stays in ${process.cwd()}`);
}

export const cdMagic: LineMagic = {
  name: "cd",
  summary: "change the kernel's working folder (no argument: home; -: the one before) and say the new one",
  help: [
    "%cd FOLDER     make FOLDER (relative to the current one; ~ is home) the kernel's working folder, where ! lines, %%bash,",
    "               %%sh and %%writefile start; quote a path with spaces in it",
    "%cd            go to your home folder",
    "%cd -          go back to the folder before the last %cd",
    "Imports of later cells still resolve from the notebook's folder.",
  ].join("\n"),
  async run(args, ctx) {
    const words = splitArgLine(args);
    if (words.length > 1) throw new UsageError(`%cd takes one folder, got ${words.length} words (${words.join(", ")}); quote a path with spaces in it: %cd '${words.join(" ")}'`);
    const given = words[0] ?? "~";
    if (given === "-" && previous === undefined) throw new UsageError("%cd -: there is no folder to go back to yet; %cd FOLDER first");
    const folder = path.resolve(given === "-" ? previous! : expandHome(given));
    const before = process.cwd();
    try {
      process.chdir(folder);
    } catch (e) {
      throw cannotEnter(e as NodeJS.ErrnoException, folder);
    }
    previous = before;
    ctx.stdout(`${process.cwd()}\n`);
    return undefined;
  },
};

export const pwdMagic: LineMagic = {
  name: "pwd",
  summary: "the kernel's working folder",
  help: "%pwd     the kernel's working folder (the notebook's, unless %cd moved it), as the cell's value",
  async run(args) {
    if (args) throw new UsageError(`%pwd takes no arguments, got ${JSON.stringify(args)}; to change the folder, write %cd ${args}`);
    return process.cwd();
  },
};
