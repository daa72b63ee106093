/** Why a file could not be written, said so that the reader knows what to change. */
import { existsSync } from "node:fs";
import * as path from "node:path";

/** The reason `file` (an absolute path) could not be written, from the error that writing it threw. */
export function whyCannotWrite(error: NodeJS.ErrnoException, file: string): string {
  const folder = path.dirname(file);
  switch (error.code) {
    case "ENOENT":
      if (existsSync(folder)) return `cannot create ${file} (ENOENT: ${folder} takes no new files); give a path in a folder you can write to`;
      return `the folder ${folder} does not exist: create it first, or give a path in a folder that exists`;
    case "ENOTDIR":
      return `${file}: a part of this path is a file, not a folder; give a path whose folders exist`;
    case "EISDIR":
      return `${file} is a folder; give a file name, e.g. ${path.join(file, "out.txt")}`;
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return `cannot write ${file} (${error.code}: no permission to write there); give a path in a folder you can write to`;
    default:
      return `cannot write ${file}: ${error.message}`;
  }
}
