import Module from "node:module";
import * as path from "node:path";

/** conclab's own entry points, as notebook code names them, compiled beside this file in dist/. */
const CONCLAB_ENTRIES: Record<string, string> = {
  conclab: path.join(__dirname, "..", "public", "index.js"),
  "conclab/tutorials": path.join(__dirname, "..", "tutorials", "verdicts.js"),
};

/**
 * `require` for notebook code (cells, and magic bodies in any thread or process): resolves from the
 * notebook's folder; "conclab" and "conclab/tutorials" are this package, the same modules the kernel runs.
 */
export function notebookRequire(notebookDirectory: string): NodeJS.Require {
  const base = Module.createRequire(path.join(notebookDirectory, "notebook.js"));
  const wrapped = ((id: string) => (Object.hasOwn(CONCLAB_ENTRIES, id) ? require(CONCLAB_ENTRIES[id]) : base(id))) as NodeJS.Require;
  return Object.assign(wrapped, { resolve: base.resolve, cache: base.cache, main: base.main, extensions: base.extensions });
}
