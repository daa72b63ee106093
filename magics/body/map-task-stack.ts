import * as path from "node:path";
import type { TaskFailure } from "../result/experiment-result";
import { packageRoot } from "../runners/package-paths";
import type { ThrownError } from "../runners/thrown-error";
import { cellLineText } from "./cell-lines";
import type { CompiledTaskBody } from "./compile-task-body";
import { TASK_BODY_FILE, TASK_FUNCTION, WRAPPER_LINES } from "./load-task-body";

const BODY_FRAME = new RegExp(`^(\\s+at )(?:(.*?) \\()?${TASK_BODY_FILE}:(\\d+):(\\d+)\\)?$`);

/** Frames of conclab itself and of the libraries it runs tasks with say nothing about the body. */
function isInternalFrame(frame: string): boolean {
  const root = packageRoot();
  return (
    frame.includes("node:internal") ||
    [path.join(root, "magics"), path.join(root, "dist", "magics"), path.join(root, "node_modules", "piscina"), path.join(root, "node_modules", "worker-threads-pool")].some((dir) => frame.includes(dir + path.sep))
  );
}

/** A task's error with its stack frames pointing at the cell's own lines ("cell line 5:11"). */
export function toTaskFailure(index: number, thrown: ThrownError, compiled: CompiledTaskBody): TaskFailure {
  const frames = (thrown.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .flatMap((frame) => {
      const match = BODY_FRAME.exec(frame);
      if (!match) return isInternalFrame(frame) ? [] : [frame];
      const at = compiled.bodyPosition(Number(match[3]) - 1 - WRAPPER_LINES, Number(match[4]) - 1);
      const name = !match[2] || match[2].includes(TASK_FUNCTION) ? "task body" : match[2];
      return [`${match[1]}${name} (${at ? cellLineText(at.line, at.column) : "cell, line unknown"})`];
    });
  return { index, name: thrown.name, message: thrown.message, stack: [`${thrown.name}: ${thrown.message}`, ...frames].join("\n") };
}
