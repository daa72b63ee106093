/** Every message between the main thread and workers or child processes, typed in one place. */
import type { ServerAddress } from "../tasks/loopback-client";
import type { TaskTableBuffers } from "../tasks/task-table";
import type { TaskTable } from "../tasks/task-table";
import { ThrownError, unsendableValueError } from "../tasks/thrown-error";

/** What a worker or child process needs to run tasks of the body. */
export interface LaneSetup {
  /** The compiled body (see compileTaskBody). */
  js: string;
  count: number;
  input: unknown;
  server?: ServerAddress;
  notebookDirectory: string;
  /** BroadcastChannel on which the main thread posts the id of a run to abort (threads). */
  abortChannel: string;
}

/** workerData of thread-entry.js: which job this worker does. */
export type ThreadWorkerData =
  | { role: "task-pool"; lane: LaneSetup; table: TaskTableBuffers }
  | { role: "spawned-task"; lane: LaneSetup; table: TaskTableBuffers; index: number }
  /** --spawn's start-up alone: a worker that loads the body and says when it could run it. */
  | { role: "spawn-probe"; lane: LaneSetup }
  | { role: "resource-monitor"; control: SharedArrayBuffer; intervalMs: number }
  | { role: "loopback-server"; latencyMs: number; bytes: number };

/**
 * A range of tasks [from, to) for a pool worker to run one after another: one index for a single
 * task. The run's id and start are in the shared table; messages stay as small as they can.
 */
export type PoolRequest = number | [from: number, to: number] | "collect-garbage";

/** A pool worker's answer: spans are already in the shared table; the values, by task index from `from`. With failures or a fresh heap figure, an object. */
export type PoolResponse = unknown[] | { values: unknown[]; errors?: [number, ThrownError][]; heap?: { threadId: number; usedBytes: number } };

/** A range of tasks for a child process to run, one after another. */
export interface BatchRequest {
  runId: number;
  /** The run's start in epoch ms, the zero of every span. */
  epochMs: number;
  from: number;
  to: number;
}

/** Posted by workers and the monitor on their own, outside any request. */
export type WorkerNotice =
  | { kind: "lane-ready"; threadId: number; osThreadId: number | undefined }
  | { kind: "spawned-task-done"; bodyStartEpochMs: number; heapUsedBytes: number; cpuUserMs?: number; cpuSystemMs?: number; startupCpuMs?: number; value?: unknown; error?: ThrownError }
  | { kind: "spawn-probe-ready"; bodyStartEpochMs: number }
  | { kind: "server-listening"; port: number; osThreadId: number | undefined }
  | { kind: "monitor-started"; osThreadId: number | undefined };

export type ToChildProcess = { kind: "setup"; lane: LaneSetup } | ({ kind: "batch" } & BatchRequest) | { kind: "abort"; runId: number } | { kind: "collect-garbage" };

export type FromChildProcess =
  | ({ kind: "ready"; pid: number } & ProcessCpu)
  | { kind: "task-done"; index: number; start: number; end: number; value?: unknown; error?: ThrownError }
  /** `bodyCpu`: the CPU of the thread that ran the batch, around it; the process's own totals beside it. */
  | ({ kind: "batch-done"; heapUsedBytes: number; rssBytes: number; bodyCpuUserMs: number; bodyCpuSystemMs: number } & ProcessCpu)
  | ({ kind: "garbage-collected" } & ProcessCpu);

/** A child process's CPU so far (process.cpuUsage()), all its threads. */
export interface ProcessCpu {
  cpuUserMicros: number;
  cpuSystemMicros: number;
}

export function isNotice<K extends WorkerNotice["kind"]>(message: unknown, kind: K): message is Extract<WorkerNotice, { kind: K }> {
  return typeof message === "object" && message !== null && (message as { kind?: unknown }).kind === kind;
}

export type TaskOutcome = { value: unknown } | { error: ThrownError };

/** Sends task `index`'s value or error with `message`; a value that cannot be cloned is sent as that task's error. */
export function sendTaskOutcome<M extends object>(table: TaskTable, index: number, message: M, send: (message: M & TaskOutcome) => void): void {
  const error = table.errors.get(index);
  try {
    send(error ? { ...message, error } : { ...message, value: table.values[index] });
  } catch (e) {
    send({ ...message, error: unsendableValueError((e as Error).message) });
  }
}
