/**
 * The kernel ends with its client, as ipykernel does. A client that is killed (a `jupyter
 * console` sent SIGKILL) cannot ask for a shutdown, and the kernel it leaves holds ~170 MB and
 * its pools for nobody. The I/O thread runs the watch, since it answers while a cell blocks the
 * main thread.
 */
import { isRunning } from "../../common/process-status";

/** Who the kernel ends with, as of its start. */
export interface KernelParent {
  /** process.ppid at start: on Linux, a process whose parent ends gets another one (init or a subreaper). */
  startedBy: number;
  /** JPY_PARENT_PID, the pid of jupyter_client's process, which is not the parent when a wrapper (`sh -c`, `conda run`) started the kernel. */
  client?: number;
}

/** Reads who started the kernel; a JPY_PARENT_PID that names no live process is left out, and `log` says why. */
export function kernelParent(env: NodeJS.ProcessEnv, log: (text: string) => void): KernelParent {
  const startedBy = process.ppid;
  const raw = env.JPY_PARENT_PID;
  if (raw === undefined || raw === "") return { startedBy };
  const client = Number(raw);
  const problem = !Number.isSafeInteger(client) || client <= 0 ? "is not a process id" : !isRunning(client) ? "names no running process" : undefined;
  if (problem === undefined) return { startedBy, client };
  log(`JPY_PARENT_PID=${raw} ${problem}, so the kernel ends only with the process that started it (pid ${startedBy}); set it to the pid of the client the kernel should end with, or unset it`);
  return { startedBy };
}

/**
 * Calls `gone` once, within about `everyMs` of the end of the kernel's parent or client. A few
 * cheap system calls a second, on a timer that does not keep the thread alive.
 */
export function watchParent(parent: KernelParent, gone: (why: string) => void, everyMs = 1000): void {
  const timer = setInterval(() => {
    const why =
      process.ppid !== parent.startedBy ? `the process that started the kernel (pid ${parent.startedBy}) ended`
      : parent.client !== undefined && !isRunning(parent.client) ? `the kernel's client (JPY_PARENT_PID ${parent.client}) ended`
      : undefined;
    if (why === undefined) return;
    clearInterval(timer);
    gone(why);
  }, everyMs);
  timer.unref();
}
