/**
 * How tasks are handed to workers or processes. Every task runs the same body, so one message
 * can carry a whole range of task indices: fewer messages, less dispatch cost per task.
 */
export type Schedule = { kind: "dynamic" } | { kind: "static" } | { kind: "chunk"; size: number };

/** A half-open range of task indices [from, to) sent in one message. */
export interface Batch {
  from: number;
  to: number;
}

/** dynamic: one task per message; static: one contiguous share per lane; chunk=K: K tasks per message. */
export function planBatches(count: number, lanes: number, schedule: Schedule): Batch[] {
  const size = schedule.kind === "dynamic" ? 1 : schedule.kind === "static" ? Math.ceil(count / lanes) : schedule.size;
  const batches: Batch[] = [];
  for (let from = 0; from < count; from += size) batches.push({ from, to: Math.min(count, from + size) });
  return batches;
}

export function describeSchedule(schedule: Schedule): string {
  return schedule.kind === "chunk" ? `chunk=${schedule.size}` : schedule.kind;
}
