/** Which Python %%python runs: --python PATH, else $CONCLAB_PYTHON, else python3 on PATH. */
import { accessSync, constants, statSync } from "node:fs";
import * as path from "node:path";

/** The interpreter found, or the one line a cell shows when there is none. */
export type PythonChoice = { found: true; path: string } | { found: false; message: string };

export function choosePython(option: string | undefined, env: NodeJS.ProcessEnv): PythonChoice {
  if (option !== undefined) return checked(option, `--python ${option}`, env.PATH ?? "");
  const fromEnv = env.CONCLAB_PYTHON;
  if (fromEnv) return checked(fromEnv, `CONCLAB_PYTHON=${fromEnv}`, env.PATH ?? "");
  const onPath = searchPath("python3", env.PATH ?? "");
  return onPath ? { found: true, path: onPath } : { found: false, message: "CPython not measured: no python3 on PATH; set CONCLAB_PYTHON or pass --python PATH" };
}

/** A given interpreter: a path, or a name looked up on PATH (python3.13t). */
function checked(given: string, named: string, envPath: string): PythonChoice {
  const file = given.includes(path.sep) ? (isExecutable(given) ? given : undefined) : searchPath(given, envPath);
  return file ? { found: true, path: file } : { found: false, message: `CPython not measured: ${named} is not an executable file${given.includes(path.sep) ? "" : " on PATH"}` };
}

function searchPath(name: string, searchPath: string): string | undefined {
  return searchPath
    .split(path.delimiter)
    .filter((dir) => dir !== "")
    .map((dir) => path.join(dir, name))
    .find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
