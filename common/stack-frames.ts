/** Stack traces as users should read them: their own frames, none of conclab's, Node's or the worker pools'. */
import * as path from "node:path";
import { PACKAGE_ROOT } from "./package-paths";

const CONCLAB_FOLDERS = ["dist", "protocol", "common", "kernel", "magics", "public", "tutorials", "client", "notebook-runner"];
const INTERNAL_DIRS = [...CONCLAB_FOLDERS, ...["piscina", "worker-threads-pool"].map((p) => path.join("node_modules", p))].map((dir) => path.join(PACKAGE_ROOT, dir) + path.sep);
/** Node's own modules, and the vm script the main-thread runners start tasks through (runners/main-thread-guard.ts). */
const NODE_INTERNAL = /\bnode:(internal|vm|async_hooks)\b|\bconclab-guard:\d/;

/** A frame of conclab itself, of Node's internals, or of the libraries conclab runs tasks with. */
export function isInternalFrame(frame: string): boolean {
  return NODE_INTERNAL.test(frame) || INTERNAL_DIRS.some((dir) => frame.includes(dir));
}

/**
 * The `at ...` lines of `stack`, each passed to `mapFrame`: a string replaces the frame, null drops
 * it, undefined (not a frame of the user's code) keeps it unless it is internal.
 */
export function userFrames(stack: string | undefined, mapFrame: (frame: string) => string | null | undefined): string[] {
  return (stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .flatMap((frame) => {
      const mapped = mapFrame(frame);
      if (mapped === undefined) return isInternalFrame(frame) ? [] : [frame];
      return mapped === null ? [] : [mapped];
    });
}
