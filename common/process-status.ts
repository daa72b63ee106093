import { readFileSync } from "node:fs";

export interface ProcessStatus {
  rssBytes: number;
  /** Live threads of the process; undefined where /proc is not there. */
  threads?: number;
}

/** VmRSS and Threads from /proc/self/status (the whole process, from any thread); elsewhere process.memoryUsage.rss(). */
export function readProcessStatus(): ProcessStatus {
  try {
    const status = readFileSync("/proc/self/status", "latin1");
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
    const threads = /^Threads:\s+(\d+)/m.exec(status);
    if (rss && threads) return { rssBytes: Number(rss[1]) * 1024, threads: Number(threads[1]) };
  } catch {
    // not Linux
  }
  return { rssBytes: process.memoryUsage.rss() };
}
