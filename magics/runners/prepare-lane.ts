import { threadId } from "node:worker_threads";
import { TaskFunction, loadTaskBody } from "../body/load-task-body";
import { laneRequire } from "./lane-require";
import type { LaneSetup } from "./runner-messages";
import { TaskExecutor } from "./task-executor";

/**
 * In a worker or child process: loads the body once (running its imports). If that throws, every
 * task fails with that error rather than the lane dying unexplained.
 */
export function prepareLane(setup: LaneSetup, lane = threadId): TaskExecutor {
  let body: TaskFunction;
  try {
    body = loadTaskBody(setup.js, {}, laneRequire(setup.notebookDirectory));
  } catch (thrown) {
    body = () => Promise.reject(thrown);
  }
  return new TaskExecutor(body, setup.count, setup.input, setup.server, lane);
}
