/** Turns an interrupt (SIGINT or interrupt_request) into a rejected race and an aborted signal. */
import { abortable } from "../../common/abort";
import { KeyboardInterrupt } from "./cell-error";

export class InterruptGate {
  private controller = new AbortController();

  /** Aborted at the next interrupt; a fresh signal after each. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  interrupt(): void {
    const controller = this.controller;
    this.controller = new AbortController();
    controller.abort(new KeyboardInterrupt());
  }

  /** Settles like `work`, or rejects with KeyboardInterrupt when an interrupt comes first. */
  race<T>(work: Promise<T>): Promise<T> {
    return abortable(work, this.signal);
  }
}
