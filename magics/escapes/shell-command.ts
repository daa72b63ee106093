/** A command run by a shell for a cell: its output streamed to the cell as it comes, an interrupt stopping it. */
import { spawn } from "node:child_process";
import type { MagicContext } from "../framework/magic-context";

/** How long a command has after the interrupt's SIGINT before what is left of it is killed. */
const KILL_AFTER_MS = 1000;

export interface ShellExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** "exited with status 2", "was killed by SIGTERM". */
export function describeExit({ code, signal }: ShellExit): string {
  return signal ? `was killed by ${signal}` : `exited with status ${code}`;
}

/**
 * Runs `script` with `shell -c` (Node's `shell` option: true is /bin/sh) in the kernel's working
 * folder and environment. Its stdin is empty (a command that reads it sees the end at once); its
 * stdout and stderr go to the cell's streams as they come. The command gets a process group of its
 * own: an interrupt sends SIGINT to the group, as Ctrl-C in a terminal does, and SIGKILL a second
 * later to what is left, and the promise rejects with the interrupt once the command is gone. It
 * resolves, when the command and its output are done, to how the command exited.
 */
export function runShell(shell: string | true, script: string, ctx: Pick<MagicContext, "stdout" | "stderr" | "signal">): Promise<ShellExit> {
  const { signal } = ctx;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const child = spawn(script, { shell, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let killTimer: NodeJS.Timeout | undefined;
    const signalGroup = (name: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, name);
      } catch {
        // The group has ended already.
      }
    };
    const killGroup = () => signalGroup("SIGKILL");
    const interrupt = () => {
      signalGroup("SIGINT");
      killTimer = setTimeout(killGroup, KILL_AFTER_MS).unref();
    };
    const cleanUp = () => {
      signal.removeEventListener("abort", interrupt);
      process.removeListener("exit", killGroup);
      clearTimeout(killTimer);
    };
    child.stdout.setEncoding("utf8").on("data", (text: string) => ctx.stdout(text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => ctx.stderr(text));
    child.on("error", (error) => {
      cleanUp();
      reject(new Error(`cannot start ${shell === true ? "/bin/sh" : shell}: ${error.message}`));
    });
    child.on("close", (code, exitSignal) => {
      cleanUp();
      if (signal.aborted) reject(signal.reason);
      else resolve({ code, signal: exitSignal });
    });
    if (child.pid === undefined) return;
    signal.addEventListener("abort", interrupt, { once: true });
    // A kernel that exits leaves no command running behind it.
    process.on("exit", killGroup);
  });
}
