import { inspect, types } from "node:util";

/** What a task threw, as plain data that crosses threads and processes. */
export interface ThrownError {
  name: string;
  message: string;
  stack?: string;
}

export function describeThrown(thrown: unknown): ThrownError {
  // isNativeError also knows Errors of other realms (a body's vm context).
  if (types.isNativeError(thrown) || thrown instanceof Error) return { name: thrown.name || "Error", message: thrown.message, stack: thrown.stack };
  return { name: "Uncaught", message: `${inspect(thrown, { depth: 2 })} (a value that is not an Error was thrown; throw new Error(...) to get a stack)` };
}

/** A task's return value that structured clone cannot copy (a function, a class instance with private state...). */
export function unsendableValueError(detail: string): ThrownError {
  return { name: "DataCloneError", message: `the task's return value cannot be sent to the main thread: ${detail}; return plain data (objects, arrays, numbers, strings, typed arrays)` };
}
