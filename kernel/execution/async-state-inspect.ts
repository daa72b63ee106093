/**
 * Promises and timers shown as Node's REPL shows them: `Promise { 5 }`, `Timeout { ... }`.
 *
 * While an AsyncLocalStorage is in use (the kernel's `currentCellOutput`), Node sets symbol
 * properties on every promise and timer: the promise's async ids, and the store, which is the cell's
 * CellOutput with the request's ZeroMQ identities and headers and the I/O thread's Worker.
 * util.inspect shows a value's enumerable symbols, so a cell's value, console.log and display()
 * would print them all. Here they are made not enumerable just before util.inspect shows a promise
 * or a timer (Timeout's own depth-0 inspect is kept); they stay readable.
 */
import { inspect } from "node:util";

/** The descriptions of the symbols: AsyncLocalStorage's store, and the async ids Node's promise hook sets. */
const KERNEL_STATE = new Set(["kResourceStore", "async_id_symbol", "trigger_async_id_symbol"]);

type CustomInspect = (this: object, ...args: unknown[]) => unknown;

/** `shown`, the prototype's own custom inspect if it has one, with the kernel's state hidden first. */
function hidingKernelState(shown: CustomInspect | undefined): CustomInspect {
  return function (...args) {
    for (const key of Object.getOwnPropertySymbols(this)) {
      if (KERNEL_STATE.has(key.description ?? "") && Object.prototype.propertyIsEnumerable.call(this, key)) Reflect.defineProperty(this, key, { enumerable: false });
    }
    // util.inspect shows a value that its custom inspect returns unchanged as it shows any object.
    return shown ? shown.apply(this, args) : this;
  };
}

/** The prototypes of what a cell most often shows that carries async state. */
function asyncResourcePrototypes(): object[] {
  const timeout = setTimeout(() => undefined, 0);
  clearTimeout(timeout);
  const immediate = setImmediate(() => undefined);
  clearImmediate(immediate);
  return [Promise.prototype, Object.getPrototypeOf(timeout), Object.getPrototypeOf(immediate)];
}

export function hideAsyncStateFromInspect(): void {
  for (const prototype of asyncResourcePrototypes()) {
    const own = Object.getOwnPropertyDescriptor(prototype, inspect.custom)?.value as CustomInspect | undefined;
    Object.defineProperty(prototype, inspect.custom, { value: hidingKernelState(own), writable: true, configurable: true });
  }
}
