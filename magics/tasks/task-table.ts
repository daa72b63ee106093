import { performance } from "node:perf_hooks";
import type { ThrownError } from "./thrown-error";

const timeOrigin = performance.timeOrigin;

/** Milliseconds since the Unix epoch, sub-millisecond and comparable between threads and processes. */
export function epochNow(): number {
  return timeOrigin + performance.now();
}

export const TaskState = { pending: 0, running: 1, ok: 2, failed: 3 } as const;

/** The shared part of a table: workers write the spans straight into the main thread's memory. */
export interface TaskTableBuffers {
  /** The run's id and its start in epoch ms, written by the main thread before it hands out any task. */
  header: SharedArrayBuffer | ArrayBuffer;
  times: SharedArrayBuffer | ArrayBuffer;
  lanes: SharedArrayBuffer | ArrayBuffer;
  states: SharedArrayBuffer | ArrayBuffer;
}

/**
 * Per task of one run: start and end (ms from the run's start), lane (thread id or pid) and
 * state; values and errors stay in the memory of whoever records them.
 */
export class TaskTable {
  readonly count: number;
  private readonly header: Float64Array;
  private readonly times: Float64Array;
  readonly lanes: Int32Array;
  readonly states: Int32Array;
  values: unknown[] = [];
  errors = new Map<number, ThrownError>();
  runId = 0;
  /** The run's start, in epoch ms: the zero of every span. */
  epochMs = 0;

  constructor(readonly buffers: TaskTableBuffers) {
    this.header = new Float64Array(buffers.header);
    this.times = new Float64Array(buffers.times);
    this.lanes = new Int32Array(buffers.lanes);
    this.states = new Int32Array(buffers.states);
    this.count = this.states.length;
  }

  static create(count: number, shared: boolean): TaskTable {
    const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    return new TaskTable({ header: buffer(16), times: buffer(count * 16), lanes: buffer(count * 4), states: buffer(count * 4) });
  }

  /** Clears the table for run `runId`, starting now (or at `epochMs`, for a process's copy of the table). */
  reset(runId: number, epochMs = epochNow()): void {
    this.times.fill(0);
    this.lanes.fill(0);
    this.states.fill(TaskState.pending);
    this.values = new Array(this.count);
    this.errors = new Map();
    this.header[0] = this.runId = runId;
    this.header[1] = this.epochMs = epochMs;
  }

  /** In a worker: takes the run id and start the main thread wrote before handing out tasks. */
  adoptRun(): void {
    this.runId = this.header[0];
    this.epochMs = this.header[1];
  }

  start(index: number): number {
    return this.times[2 * index];
  }

  end(index: number): number {
    return this.times[2 * index + 1];
  }

  begin(index: number, lane: number): void {
    this.beginAt(index, lane, epochNow());
  }

  beginAt(index: number, lane: number, atEpochMs: number): void {
    this.times[2 * index] = atEpochMs - this.epochMs;
    this.lanes[index] = lane;
    this.states[index] = TaskState.running;
  }

  succeed(index: number, value: unknown): void {
    this.succeedAt(index, value, epochNow());
  }

  succeedAt(index: number, value: unknown, atEpochMs: number): void {
    this.times[2 * index + 1] = atEpochMs - this.epochMs;
    this.states[index] = TaskState.ok;
    this.values[index] = value;
  }

  fail(index: number, error: ThrownError): void {
    this.failAt(index, error, epochNow());
  }

  failAt(index: number, error: ThrownError, atEpochMs: number): void {
    this.times[2 * index + 1] = atEpochMs - this.epochMs;
    this.states[index] = TaskState.failed;
    this.errors.set(index, error);
  }

  /** Moves the recorded start of a task (under --spawn a task starts when its worker is created). */
  restart(index: number, atEpochMs: number): void {
    this.times[2 * index] = atEpochMs - this.epochMs;
  }
}
