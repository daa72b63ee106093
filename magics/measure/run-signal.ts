import { setMaxListeners } from "node:events";

/**
 * The signal of one run: aborted by an interrupt or by --timeout. Every task listens to it (a
 * sleep, a fetch), so it allows any number of listeners; dispose() unhooks it from the interrupt signal.
 */
export class RunSignal {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly onInterrupt = () => this.controller.abort(this.interrupt.reason);
  timedOut = false;

  constructor(
    private readonly interrupt: AbortSignal,
    timeoutMs?: number,
  ) {
    setMaxListeners(0, this.controller.signal);
    if (interrupt.aborted) this.onInterrupt();
    interrupt.addEventListener("abort", this.onInterrupt, { once: true });
    if (timeoutMs !== undefined) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        this.controller.abort(new Error(`the run passed --timeout ${timeoutMs / 1000} s`));
      }, timeoutMs);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.interrupt.removeEventListener("abort", this.onInterrupt);
  }
}
