import Module from "node:module";
import * as path from "node:path";
import { packageRoot } from "./package-paths";

/** `require` for a body in a worker or child process: resolves from the notebook's folder; "conclab" is this package. */
export function laneRequire(notebookDirectory: string): NodeJS.Require {
  const base = Module.createRequire(path.join(notebookDirectory, "notebook.js"));
  const conclab = path.join(packageRoot(), "dist", "kernel", "public", "index.js");
  const wrapped = ((id: string) => base(id === "conclab" ? conclab : id)) as NodeJS.Require;
  return Object.assign(wrapped, { resolve: base.resolve, cache: base.cache, main: base.main, extensions: base.extensions });
}
