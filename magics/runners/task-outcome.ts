import type { TaskTable } from "./task-table";
import { ThrownError, unsendableValueError } from "./thrown-error";

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
