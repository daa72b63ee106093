/**
 * What the operating system says about this process, its threads, its children and the machine:
 * Linux's /proc, read from any thread. Off Linux the readings fall back to what Node gives, or are
 * undefined where Node has no equivalent.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, readlinkSync } from "node:fs";
import * as os from "node:os";

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

/**
 * A /proc file kept open and read again from its start each time: about 2 µs a reading, where
 * opening /proc/self/status each time costs 30-50 µs (the resource monitor reads every few ms).
 */
export class ProcFile {
  private readonly buffer = Buffer.alloc(512);
  private fd: number | undefined;

  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, "r");
    } catch {
      this.fd = undefined;
    }
  }

  /** The file's text now, or undefined once it cannot be read (the process is gone, or not Linux). */
  read(): string | undefined {
    if (this.fd === undefined) return undefined;
    try {
      return this.buffer.toString("latin1", 0, readSync(this.fd, this.buffer, 0, this.buffer.length, 0));
    } catch {
      this.close();
      return undefined;
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Bytes of a page, as /proc/PID/statm counts memory: VmRSS over statm's resident pages, read once. */
let pageBytes: number | undefined;

/** RSS of a process from its /proc/PID/statm kept open (see ProcFile); undefined once it is gone. */
export function statmRssBytes(statm: ProcFile): number | undefined {
  const text = statm.read();
  if (text === undefined) return undefined;
  pageBytes ??= measurePageBytes();
  return Number(text.split(" ")[1]) * pageBytes;
}

function measurePageBytes(): number {
  try {
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "latin1"))?.[1]);
    const pages = Number(readFileSync("/proc/self/statm", "latin1").split(" ")[1]);
    // The two readings are a moment apart: round to the nearest power of two.
    return 2 ** Math.round(Math.log2((rssKb * 1024) / pages));
  } catch {
    return 4096;
  }
}

/** Live threads of a process from its /proc/PID/stat kept open (field 20), or undefined. */
export function statThreads(stat: ProcFile): number | undefined {
  const text = stat.read();
  if (text === undefined) return undefined;
  return Number(text.slice(text.lastIndexOf(")") + 2).split(" ")[17]);
}

/**
 * Whether a process runs: it exists (signal 0 reaches it, or EPERM says it runs as another user)
 * and is not a zombie, which has ended and only waits to be reaped (PID 1 of some VMs and
 * containers reaps the orphans it inherits seconds late, or never).
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    return !"ZX".includes(stat[stat.lastIndexOf(")") + 2]);
  } catch {
    // Gone since, or not Linux, where signal 0 is all there is.
    return !existsSync("/proc/self/stat");
  }
}

/** The RSS of another process (a child), or undefined once it is gone. */
export function processRssBytes(pid: number): number | undefined {
  try {
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "latin1"));
    return rss ? Number(rss[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** One thread's CPU time so far: the total from the scheduler (ns-precise), split into user and system by the kernel's tick counts. */
export interface ThreadCpu {
  totalMs: number;
  userTicks: number;
  systemTicks: number;
}

/** The CPU a thread used between two readings, in ms, split as its tick counts split. */
export function threadCpuBetween(before: ThreadCpu, after: ThreadCpu): { userMs: number; systemMs: number } {
  const totalMs = Math.max(0, after.totalMs - before.totalMs);
  const user = after.userTicks - before.userTicks;
  const system = after.systemTicks - before.systemTicks;
  const userShare = user + system > 0 ? user / (user + system) : 1;
  return { userMs: totalMs * userShare, systemMs: totalMs * (1 - userShare) };
}

/**
 * CPU of the calling thread ("thread-self") or of thread `tid` of this process, from
 * /proc/.../schedstat (time on CPU in ns) and /proc/.../stat (utime and stime in ticks); undefined
 * off Linux or once the thread is gone.
 */
export function readThreadCpu(tid: number | "thread-self" = "thread-self"): ThreadCpu | undefined {
  const dir = tid === "thread-self" ? "/proc/thread-self" : `/proc/self/task/${tid}`;
  bringUpToDate(tid);
  try {
    const totalNs = Number(readFileSync(`${dir}/schedstat`, "latin1").split(" ")[0]);
    // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
    const stat = readFileSync(`${dir}/stat`, "latin1");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { totalMs: totalNs / 1e6, userTicks: Number(fields[11]), systemTicks: Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** The calling thread's schedstat, opened at its first read: module state is per thread (each worker loads its own). */
let ownSchedstat: ProcFile | undefined;

/**
 * CPU time of the calling thread in ms (ns-precise), or undefined off Linux. task.spin reads it
 * every millisecond, so it reads a file kept open: readFileSync of a /proc file opens, stats and
 * allocates a 64 KiB buffer on every call (19 µs against 2.5 µs), time the spin counted as work.
 */
export function threadCpuMs(): number | undefined {
  bringUpToDate("thread-self");
  ownSchedstat ??= new ProcFile("/proc/thread-self/schedstat");
  const text = ownSchedstat.read();
  return text === undefined ? undefined : Number(text.split(" ")[0]) / 1e6;
}

/** The calling thread's OS id, read at the first need (module state is per thread). */
let callingThreadId: number | undefined;

/**
 * The kernel brings a running thread's CPU count up to date only at a scheduler tick (every 4 ms at
 * HZ=250) or when the thread leaves its core, so a thread reading its own count could be a tick
 * behind: runs of 1.5 ms read 0 or 4 ms, and task.spin(2) spun 4 ms. getrusage brings the calling
 * thread's count up to date on its way (the kernel's thread_group_cputime does), for about 10 µs.
 * Another thread's count is current whenever that thread is off its core, as a lane between runs is.
 */
function bringUpToDate(tid: number | "thread-self"): void {
  callingThreadId ??= osThreadId();
  if (tid === "thread-self" || tid === callingThreadId) process.cpuUsage();
}

/** The operating system's id of the calling thread (its tid), or undefined off Linux. */
export function osThreadId(): number | undefined {
  try {
    return Number(readlinkSync("/proc/thread-self").split("/").pop());
  } catch {
    return undefined;
  }
}

/** Busy and total CPU time of the whole machine so far, in ticks (/proc/stat's first line), or undefined off Linux. */
export function machineCpuTicks(): { busy: number; total: number } | undefined {
  try {
    const [, ...fields] = readFileSync("/proc/stat", "latin1").split("\n", 1)[0].trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of /proc's tick counts (USER_HZ, 100 on Linux for decades). */
export const TICKS_PER_SECOND = 100;

/** The 1-minute load average (0 where the OS has none). */
export function loadAverage1m(): number {
  return os.loadavg()[0];
}
