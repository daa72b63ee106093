import type { TaskFailure } from "../result/experiment-result";
import { userFrames } from "../../common/stack-frames";
import type { ThrownError } from "../tasks/thrown-error";
import { cellLineText } from "./load-task-body";
import type { CompiledTaskBody } from "./compile-task-body";
import { TASK_BODY_FILE, TASK_FUNCTION, WRAPPER_LINES } from "./load-task-body";

const BODY_FRAME = new RegExp(`^(\\s+at )(?:(.*?) \\()?${TASK_BODY_FILE}:(\\d+):(\\d+)\\)?$`);

/** A task's error with its stack frames pointing at the cell's own lines ("cell line 5:11"). */
export function toTaskFailure(index: number, thrown: ThrownError, compiled: CompiledTaskBody): TaskFailure {
  const frames = userFrames(thrown.stack, (frame) => {
    const match = BODY_FRAME.exec(frame);
    if (!match) return undefined;
    const at = compiled.bodyPosition(Number(match[3]) - 1 - WRAPPER_LINES, Number(match[4]) - 1);
    const name = !match[2] || match[2].includes(TASK_FUNCTION) ? "task body" : match[2];
    return `${match[1]}${name} (${at ? cellLineText(at.line, at.column) : "cell, line unknown"})`;
  });
  return { index, name: thrown.name, message: thrown.message, stack: [`${thrown.name}: ${thrown.message}`, ...frames].join("\n") };
}
