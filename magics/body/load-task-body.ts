import * as vm from "node:vm";
import type { TaskContext } from "../task-context";

/** The file name stack frames of the body carry. */
export const TASK_BODY_FILE = "<task-body>";
/** Lines the module wrapper puts above the compiled JavaScript. */
export const WRAPPER_LINES = 1;
/** The name the body's function has in the compiled module. */
export const TASK_FUNCTION = "conclabTaskBody";

export type TaskFunction = (task: TaskContext<unknown>) => Promise<unknown>;

/** Runs the compiled module (its hoisted imports) once and returns the body's function. */
export function loadTaskBody(js: string, moduleExports: object, moduleRequire: NodeJS.Require): TaskFunction {
  const module = vm.runInThisContext(`(function (exports, require) {\n${js}\n})`, { filename: TASK_BODY_FILE }) as (exports: object, require: NodeJS.Require) => void;
  module(moduleExports, moduleRequire);
  return (moduleExports as Record<string, TaskFunction>)[TASK_FUNCTION];
}
