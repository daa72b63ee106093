/**
 * The shared memory of the resource monitor thread and the main thread: Int32 slots, the child
 * processes to watch with each one's peak, then the RSS samples of the open measuring window as
 * Float64 pairs (epoch ms, RSS kB of the whole process tree).
 */
export const MonitorSlot = {
  peakRssKb: 0,
  peakThreads: 1,
  /** 0 free, 1 held: whoever touches the samples holds it (the monitor for one sample, the main thread to reset or read). */
  samplesLock: 2,
  /** Bumped by the main thread at each window start; the monitor restarts its sample spacing when it changes. */
  window: 3,
  /** Samples stored in the window so far. */
  sampleCount: 4,
  /** How many child processes the window watches (their pids and peaks follow the slots). */
  childCount: 5,
  /** 1 while a lab is open, 0 between cells: the monitor then sleeps until the main thread wakes it. */
  sampling: 6,
} as const;

/** The most child processes one window watches (%%processes --workers is capped below this). */
export const MAX_WATCHED_CHILDREN = 256;

const SLOT_COUNT = 8;
const SLOT_BYTES = (SLOT_COUNT + 2 * MAX_WATCHED_CHILDREN) * 4;

/** Past this many samples the monitor merges neighbours (keeping the higher RSS) and stores half as often. */
export const SAMPLE_CAPACITY = 2048;

export const MONITOR_BUFFER_BYTES = SLOT_BYTES + SAMPLE_CAPACITY * 2 * 8;

export interface MonitorViews {
  slots: Int32Array;
  /** The pids of the watched child processes, childCount of them. */
  childPids: Int32Array;
  /** The highest RSS in kB seen of each watched child in the window, by its place in childPids. */
  childPeakKb: Int32Array;
  /** samples[2k] is the epoch ms of sample k, samples[2k + 1] its RSS in kB. */
  samples: Float64Array;
}

export function monitorViews(buffer: SharedArrayBuffer): MonitorViews {
  return {
    slots: new Int32Array(buffer, 0, SLOT_COUNT),
    childPids: new Int32Array(buffer, SLOT_COUNT * 4, MAX_WATCHED_CHILDREN),
    childPeakKb: new Int32Array(buffer, (SLOT_COUNT + MAX_WATCHED_CHILDREN) * 4, MAX_WATCHED_CHILDREN),
    samples: new Float64Array(buffer, SLOT_BYTES, SAMPLE_CAPACITY * 2),
  };
}

/** Short critical sections on both sides, so a spin is cheaper than a wait. */
export function withSamplesLock<T>(slots: Int32Array, body: () => T): T {
  while (Atomics.compareExchange(slots, MonitorSlot.samplesLock, 0, 1) !== 0);
  try {
    return body();
  } finally {
    Atomics.store(slots, MonitorSlot.samplesLock, 0);
  }
}
