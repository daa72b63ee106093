import { threadId } from "node:worker_threads";
import { loadTaskBody } from "../body/load-task-body";
import { TaskFunction } from "../tasks/task-context";
import { notebookRequire } from "../../common/notebook-require";
import type { LaneSetup } from "./lane-messages";
import { TaskExecutor } from "../tasks/task-executor";

/**
 * In a worker or child process: loads the body once (running its imports). If that throws, every
 * task fails with that error rather than the lane dying unexplained.
 */
export function prepareLane(setup: LaneSetup, lane = threadId): TaskExecutor {
  let body: TaskFunction;
  try {
    body = loadTaskBody(setup.js, {}, notebookRequire(setup.notebookDirectory));
  } catch (thrown) {
    body = () => Promise.reject(thrown);
  }
  return new TaskExecutor(body, setup.count, setup.input, setup.server, lane);
}
