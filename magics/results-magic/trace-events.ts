/**
 * A kept result as Chrome's trace event format (the JSON object form), which Perfetto and
 * chrome://tracing open: one process per experiment, one track per thread or process that ran
 * tasks, one complete ("X") event per task of every measured run. A result records no GC or
 * event-loop stalls as events (only their percentiles per run), so there are none here.
 */
import type { ConclabResult } from "../result/experiment-result";
import { laneLabel } from "../render/timeline-figure";
import { entryLabel, experimentEntries } from "./result-entries";

export interface NameEvent {
  ph: "M";
  name: "process_name" | "thread_name";
  pid: number;
  tid: number;
  args: { name: string };
}

export interface SpanEvent {
  ph: "X";
  name: string;
  cat: "task" | "failed task";
  pid: number;
  tid: number;
  /** µs */
  ts: number;
  dur: number;
  args: { run: number; task: number; ok: boolean };
}

export type TraceEvent = NameEvent | SpanEvent;

export interface Trace {
  traceEvents: TraceEvent[];
  displayTimeUnit: "ms";
}

/** Measured runs are laid out one after another, each this long after the end of the one before. */
export const RUN_GAP_MS = 1;

const MICROSECONDS_PER_MS = 1000;

/** The trace of `result`; times in µs from the start of each experiment's first measured run. */
export function traceOf(result: ConclabResult): Trace {
  const traceEvents: TraceEvent[] = [];
  experimentEntries(result).forEach((entry, k) => {
    const pid = k + 1;
    const { experiment } = entry;
    traceEvents.push({ ph: "M", name: "process_name", pid, tid: 0, args: { name: `${entryLabel(entry)}: ${experiment.magicLine}` } });
    const lanes = new Set(experiment.runs.flatMap((run) => run.tasks.lane));
    for (const lane of lanes) traceEvents.push({ ph: "M", name: "thread_name", pid, tid: lane, args: { name: laneLabel(experiment.model, lane) } });
    let runStartMs = 0;
    experiment.runs.forEach((run, r) => {
      run.tasks.start.forEach((start, task) => {
        const ok = run.tasks.ok[task];
        traceEvents.push({
          ph: "X",
          name: `task ${task}`,
          cat: ok ? "task" : "failed task",
          pid,
          tid: run.tasks.lane[task],
          ts: (runStartMs + start) * MICROSECONDS_PER_MS,
          dur: Math.max(0, run.tasks.end[task] - start) * MICROSECONDS_PER_MS,
          args: { run: r + 1, task, ok },
        });
      });
      runStartMs += run.wallMs + RUN_GAP_MS;
    });
  });
  return { traceEvents, displayTimeUnit: "ms" };
}
