import * as vm from "node:vm";

/**
 * The global object that cells and bodies run against: the kernel evaluates them with
 * vm.runInThisContext, whose global is this module's own except where a test framework
 * sandboxes modules (jest). Hooks and guards meant for cell code go here.
 */
let global: typeof globalThis | undefined;

export function cellGlobal(): typeof globalThis {
  return (global ??= vm.runInThisContext("globalThis") as typeof globalThis);
}
