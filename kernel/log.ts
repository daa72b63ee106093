import { writeSync } from "node:fs";

/** The kernel's own log: straight to file descriptor 2, past the capture of process.stderr into cells. */
export function log(text: string): void {
  try {
    writeSync(2, `[conclab] ${text}\n`);
  } catch {
    // stderr closed: nowhere left to log
  }
}
