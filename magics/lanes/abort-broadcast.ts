import { BroadcastChannel } from "node:worker_threads";

const STOPPED = "the run was stopped (interrupt or --timeout)";

/** task.signal in a worker or child process: one AbortSignal per run id; an abort may come before the run's first task. */
export class RunSignals {
  private readonly controllers = new Map<number, AbortController>();

  signalFor(runId: number): AbortSignal {
    return this.controllerOf(runId).signal;
  }

  abort(runId: number): void {
    this.controllerOf(runId).abort(new Error(STOPPED));
  }

  private controllerOf(runId: number): AbortController {
    let controller = this.controllers.get(runId);
    if (!controller) {
      // Runs come one after another: older ones are over.
      for (const older of this.controllers.keys()) if (older < runId) this.controllers.delete(older);
      controller = new AbortController();
      this.controllers.set(runId, controller);
    }
    return controller;
  }
}

/**
 * Workers hear aborts on a BroadcastChannel: the main thread posts the run's id (a worker stuck
 * in a loop never hears it and is terminated instead).
 */
export function listenForAborts(name: string, signals: RunSignals): BroadcastChannel {
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event) => signals.abort((event as { data: number }).data);
  channel.unref();
  return channel;
}

/** Main thread: aborts run `runId` in every worker listening on `name`. */
export function broadcastAbort(name: string, runId: number): void {
  const channel = new BroadcastChannel(name);
  channel.postMessage(runId);
  channel.close();
}
