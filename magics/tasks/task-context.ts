/**
 * What a magic body gets as `task`. The body of %%sync, %%async, %%threads and %%processes is the
 * inside of `async function (task: TaskContext)`; in a notebook: `import type { TaskContext } from "conclab"`.
 */
export interface TaskContext<Input = unknown> {
  /** This task's number, 0 to count - 1. */
  readonly index: number;
  /** How many tasks the run has. */
  readonly count: number;
  /** The notebook values named by --input, copied into this task's thread or process (one name: its value; several: an object keyed by name). SharedArrayBuffers are shared, not copied. */
  readonly input: Input;
  /** Aborted on interrupt or --timeout. */
  readonly signal: AbortSignal;
  /** worker_threads.threadId of the thread running the task (0 on a main thread). */
  readonly threadId: number;
  /** The process running the task. */
  readonly pid: number;
  /** Waits ms milliseconds without using the CPU; rejects with an AbortError when the signal aborts. */
  sleep(ms: number): Promise<void>;
  /**
   * Uses ms milliseconds of this thread's CPU time in a synchronous busy loop. On a busy machine, or
   * with more threads than cores, that takes longer than ms of wall time, as real CPU-bound work does.
   */
  spin(ms: number): void;
  /** The loopback HTTP server the kernel runs off the main thread, for real network I/O. */
  readonly server: TaskServer;
}

export interface TaskServer {
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  /** GETs url + path; latencyMs and bytes override the magic's --server-latency and --server-bytes for this request. */
  get(path?: string, options?: { latencyMs?: number; bytes?: number }): Promise<ServerResponse>;
}

export interface ServerResponse {
  status: number;
  /** Length of the body in bytes. */
  bytes: number;
  body: string;
}

/** A magic body, compiled: the inside of `async function (task)`; it calls `bodyEnded` in its own frame as it returns or throws. */
export type TaskFunction = (task: TaskContext<unknown>, bodyEnded: () => void) => Promise<unknown>;
