/** The Int32 slots shared by the resource monitor thread and the main thread. */
export const MonitorSlot = {
  peakRssKb: 0,
  peakThreads: 1,
} as const;

export const MONITOR_SLOTS = 2;
