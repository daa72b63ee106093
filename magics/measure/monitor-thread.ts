import { MonitorSlot } from "./monitor-slots";
import { readProcessStatus } from "./process-status";

/**
 * Runs in a worker of its own: samples RSS and thread count every few ms into shared memory, so
 * a main thread blocked by the body cannot hide its memory peak.
 */
export function runResourceMonitor(control: SharedArrayBuffer, intervalMs: number, onStarted: () => void): void {
  const slots = new Int32Array(control);
  const sample = () => {
    const { rssBytes, threads } = readProcessStatus();
    const rssKb = Math.round(rssBytes / 1024);
    if (rssKb > Atomics.load(slots, MonitorSlot.peakRssKb)) Atomics.store(slots, MonitorSlot.peakRssKb, rssKb);
    if (threads !== undefined && threads > Atomics.load(slots, MonitorSlot.peakThreads)) Atomics.store(slots, MonitorSlot.peakThreads, threads);
  };
  sample();
  setInterval(sample, intervalMs);
  onStarted();
}
