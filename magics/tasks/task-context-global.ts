/**
 * The task body's type of `task`, declared globally for every cell program the engine builds (see
 * TASK_CONTEXT_GLOBALS). A body module that imported it instead would differ in its imports from
 * the plain cell before it, and TypeScript reuses a program's structure only when no file's imports
 * changed: otherwise it walks every library file again, ~25 ms a cell.
 */
import type { TaskContext } from "./task-context";

declare global {
  /** conclab's name for TaskContext, apart from any TaskContext of the notebook's. */
  type ConclabTaskContext<Input> = TaskContext<Input>;
}

export {};
