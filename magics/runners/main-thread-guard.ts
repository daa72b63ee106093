import * as vm from "node:vm";
import { cellGlobal } from "../framework/cell-realm";
import { epochNow } from "../tasks/task-table";

const GUARDED = Symbol.for("conclab.guarded");
const guardedCall = new vm.Script(`globalThis[Symbol.for("conclab.guarded")]()`, { filename: "conclab-guard" });

export type GuardOutcome = "done" | "timed-out" | "interrupted";

/**
 * Runs a synchronous piece of main-thread work (starting tasks: each body's first synchronous
 * segment) inside a vm call with a timeout and breakOnSigint: the one way Node stops runaway
 * JavaScript and carries on safely. A SIGINT taken here is delivered again afterwards, so the
 * kernel's own SIGINT handler (disabled during the call) still sees the interrupt.
 * Costs about 35 µs per call (Node installs a signal watchdog), more with a deadline (a timer thread).
 */
export function runGuarded(work: () => void, deadlineEpochMs?: number): GuardOutcome {
  const global = cellGlobal() as unknown as Record<symbol, unknown>;
  global[GUARDED] = work;
  try {
    const timeout = deadlineEpochMs === undefined ? undefined : Math.max(1, Math.ceil(deadlineEpochMs - epochNow()));
    guardedCall.runInThisContext({ timeout, breakOnSigint: true });
    return "done";
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ERR_SCRIPT_EXECUTION_TIMEOUT") return "timed-out";
    if (code !== "ERR_SCRIPT_EXECUTION_INTERRUPTED") throw e;
    process.kill(process.pid, "SIGINT");
    return "interrupted";
  } finally {
    delete global[GUARDED];
  }
}
