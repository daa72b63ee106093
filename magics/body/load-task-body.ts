import * as vm from "node:vm";
import type { TaskFunction } from "../tasks/task-context";

/** The file name stack frames of the body carry. */
export const TASK_BODY_FILE = "<task-body>";
/** Lines the module wrapper puts above the compiled JavaScript. */
export const WRAPPER_LINES = 1;
/** The name the body's function has in the compiled module. */
export const TASK_FUNCTION = "conclabTaskBody";


/** Runs the compiled module (its hoisted imports) once and returns the body's function. */
export function loadTaskBody(js: string, moduleExports: object, moduleRequire: NodeJS.Require): TaskFunction {
  const module = vm.runInThisContext(`(function (exports, require) {\n${js}\n})`, { filename: TASK_BODY_FILE }) as (exports: object, require: NodeJS.Require) => void;
  module(moduleExports, moduleRequire);
  return (moduleExports as Record<string, TaskFunction>)[TASK_FUNCTION];
}

/** A magic cell is "%%name options" on line 1, so the body's first line is line 2 of the cell. */
export const BODY_FIRST_CELL_LINE = 2;

/** "cell line 5:3" for a zero-based body position. */
export function cellLineText(bodyLine: number, bodyColumn: number): string {
  return `cell line ${bodyLine + BODY_FIRST_CELL_LINE}:${bodyColumn + 1}`;
}

/**
 * The `exports` a %%sync or %%async body runs with: `exports.NAME` reads and writes the notebook's
 * variables, except the names the body's module defines itself (its imports and the task
 * function), which stay out of the notebook.
 */
export function notebookExports(notebookScope: Record<string, unknown>, localNames: readonly string[]): object {
  const local: Record<string, unknown> = {};
  const isLocal = (key: string | symbol) => typeof key === "symbol" || key === "__esModule" || localNames.includes(key);
  return new Proxy(local, {
    get: (target, key) => (isLocal(key) ? Reflect.get(target, key) : Reflect.get(notebookScope, key)),
    set: (target, key, value) => (isLocal(key) ? Reflect.set(target, key, value) : Reflect.set(notebookScope, key, value)),
    defineProperty: (target, key, attributes) => Reflect.defineProperty(target, key, attributes),
    has: (target, key) => (isLocal(key) ? Reflect.has(target, key) : Reflect.has(notebookScope, key)),
  });
}
