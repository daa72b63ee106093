import type { Worker } from "node:worker_threads";
import type { ThreadWorkerData } from "../runners/runner-messages";
import { startRoleWorker } from "../runners/start-role-worker";
import { MONITOR_SLOTS, MonitorSlot } from "./monitor-slots";
import { ProcessStatus, readProcessStatus } from "./process-status";

const SAMPLE_EVERY_MS = 5;

export interface WindowPeaks {
  peakRssBytes: number;
  peakThreads?: number;
}

/** Main-thread side of the monitor thread (see monitor-thread.ts). */
export class ResourceMonitor {
  private readonly slots: Int32Array;

  private constructor(private readonly worker: Worker, control: SharedArrayBuffer) {
    this.slots = new Int32Array(control);
  }

  static async start(): Promise<ResourceMonitor> {
    const control = new SharedArrayBuffer(MONITOR_SLOTS * 4);
    const workerData: ThreadWorkerData = { role: "resource-monitor", control, intervalMs: SAMPLE_EVERY_MS };
    const [worker] = await startRoleWorker(workerData, "monitor-started");
    worker.unref();
    return new ResourceMonitor(worker, control);
  }

  /** Starts a measuring window: the peaks restart from now, and now is the baseline. */
  beginWindow(): ProcessStatus {
    const now = readProcessStatus();
    Atomics.store(this.slots, MonitorSlot.peakRssKb, Math.round(now.rssBytes / 1024));
    Atomics.store(this.slots, MonitorSlot.peakThreads, now.threads ?? 0);
    return now;
  }

  endWindow(): WindowPeaks {
    const now = readProcessStatus();
    const peakRssBytes = Math.max(now.rssBytes, Atomics.load(this.slots, MonitorSlot.peakRssKb) * 1024);
    return { peakRssBytes, peakThreads: now.threads === undefined ? undefined : Math.max(now.threads, Atomics.load(this.slots, MonitorSlot.peakThreads)) };
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
