/**
 * tslab's converter gives TypeScript's watch program a timer slot that holds one pending timer, and
 * runs it itself when a cell is converted. The watch program uses two: one to rebuild the program,
 * and one to re-resolve the imports that failed, scheduled when a folder they were looked for in
 * changes (a package installed, a file written next to the notebook). With both pending, the
 * converter throws "Unexpected pending rebuildTimer" on every later cell. Here the watch host's
 * timers queue behind the converter's one slot, and all run, in order, when it fires.
 */

export interface WatchTimerHost {
  setTimeout?(callback: (...args: unknown[]) => void, ms: number, ...args: unknown[]): unknown;
  clearTimeout?(timer: unknown): void;
}

interface QueuedTimer {
  run(): void;
}

export function queueTimersBehindOneSlot<H extends WatchTimerHost>(host: H): H {
  const slotSet = host.setTimeout?.bind(host);
  const slotClear = host.clearTimeout?.bind(host);
  if (!slotSet || !slotClear) return host;
  const queued: QueuedTimer[] = [];
  let slot: unknown;
  let running = false;
  const runQueued = () => {
    slot = undefined;
    running = true;
    try {
      for (let timer = queued.shift(); timer; timer = queued.shift()) timer.run();
    } finally {
      running = false;
    }
  };
  host.setTimeout = (callback, _ms, ...args) => {
    const timer: QueuedTimer = { run: () => callback(...args) };
    queued.push(timer);
    if (!running && slot === undefined) slot = slotSet(runQueued, 0);
    return timer;
  };
  host.clearTimeout = (timer) => {
    const at = queued.indexOf(timer as QueuedTimer);
    if (at >= 0) queued.splice(at, 1);
    if (queued.length === 0 && slot !== undefined) {
      slotClear(slot);
      slot = undefined;
    }
  };
  return host;
}
